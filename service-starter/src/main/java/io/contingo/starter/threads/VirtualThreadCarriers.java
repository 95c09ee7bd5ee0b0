package io.contingo.starter.threads;

/**
 * How many platform threads carry the JVM's virtual threads. The JDK's default is one per core. On a
 * two-core host that also runs other busy processes, a request's virtual thread then waits while the
 * operating system has parked the carrier it is queued on. In the status page benchmark (50 connections, the
 * load and the service on two cores) summary.json's p99 was 26-32 ms and its worst requests took 1-4 s; with
 * four carriers, 13-21 ms and at most 0.34 s.
 *
 * <p>The JVM reads the setting when it creates its first virtual thread, so {@link #atLeast(int)} is called
 * first thing in {@code main}. A value given on the command line ({@code -Djdk.virtualThreadScheduler.parallelism})
 * is left as it is.
 */
public final class VirtualThreadCarriers {

    static final String PARALLELISM = "jdk.virtualThreadScheduler.parallelism";

    private VirtualThreadCarriers() {
    }

    /**
     * Gives the virtual threads at least {@code minimum} carriers (or one per core, where there are more cores),
     * unless the command line chose. Returns the setting in force.
     */
    public static String atLeast(int minimum) {
        if (minimum < 1) {
            throw new IllegalArgumentException("A virtual thread needs at least one carrier, not " + minimum);
        }
        String chosen = System.getProperty(PARALLELISM);
        if (chosen != null) {
            return chosen;
        }
        String carriers = String.valueOf(Math.max(minimum, Runtime.getRuntime().availableProcessors()));
        System.setProperty(PARALLELISM, carriers);
        return carriers;
    }
}
