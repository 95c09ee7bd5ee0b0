package io.contingo.benchmarks;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Follows a consumer group through a topic that holds warm-up events followed by the measured ones, from its
 * committed offsets (polled every 100 ms): the warm-up lets the JIT compiler reach the steady state a running
 * service is in, then the clock runs from the first poll at or past the warm-up count to the end of the topic.
 */
final class CommittedPhases {

    /** The warm-up (a cold JVM) and the measured events (a warm one). */
    record Outcome(IngestBenchmark.Reading warmUp, IngestBenchmark.Reading measured, boolean finished) {
    }

    private CommittedPhases() {
    }

    /**
     * @param committed   the group's committed offsets, summed over the topic's partitions
     * @param startedWith what was committed before the clock started (left out of the warm-up's count)
     * @param measuring   run once, when the warm-up count is reached and before the measured events begin (it may
     *                    pause the reader; the clock and the count start when it returns)
     * @param alive       run before each poll; throws when the reader is gone
     */
    static Outcome follow(String reader, LongSupplier committed, long startedWith, long warmUp, long total, Duration limit,
            Runnable measuring, Runnable alive) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        long now = start;
        long done = startedWith;
        long measuredFrom = -1;
        long measuredFromCount = 0;
        long warmUpEnd = -1;
        long warmUpCount = 0;
        while (true) {
            if (measuredFrom < 0 && done >= warmUp) {
                warmUpEnd = now;
                warmUpCount = done;
                measuring.run();
                measuredFrom = System.nanoTime();
                measuredFromCount = committed.getAsLong(); // what the callback let through, if it paused nothing
                done = measuredFromCount;
                now = measuredFrom;
                deadline += measuredFrom - warmUpEnd; // a pause does not count against the limit
            }
            if (done >= total || now >= deadline) {
                break;
            }
            alive.run();
            Thread.sleep(100); // polling a figure of another client, not synchronising threads
            done = committed.getAsLong();
            now = System.nanoTime();
        }
        if (warmUpEnd < 0) {
            warmUpEnd = now;
            warmUpCount = done;
        }
        IngestBenchmark.Reading warm = new IngestBenchmark.Reading(reader + ", warm-up (cold JVM)", warmUpCount - startedWith,
                Duration.ofNanos(Math.max(1, warmUpEnd - start)));
        IngestBenchmark.Reading measured = new IngestBenchmark.Reading(reader, measuredFrom < 0 ? 0 : done - measuredFromCount,
                Duration.ofNanos(Math.max(1, now - (measuredFrom < 0 ? now : measuredFrom))));
        return new Outcome(warm, measured, done >= total);
    }
}
