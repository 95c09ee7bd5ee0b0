package io.contingo.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.context.ConfigurableApplicationContext;

import io.contingo.devstack.FreePorts;
import io.contingo.starter.threads.VirtualThreadCarriers;

/**
 * incident-service started in this JVM on the benchmark's broker and MongoDB-wire server, with its own
 * application.yml and the given overrides (passed as command-line arguments, which win over application.yml).
 *
 * <p>incident-service's main artifact is its Spring Boot executable jar, not a library, so its application
 * class is loaded by name from {@code incident-service/target/classes}, which benchmarks/run puts on the class
 * path.
 */
final class IncidentServiceUnderTest implements AutoCloseable {

    static final String APPLICATION_CLASS = "io.contingo.incident.IncidentServiceApplication";
    static final String CONSUMER_GROUP = "incident-service";
    static final String HEALTH_EVENTS_BINDING = "onHealthEvent-in-0";

    private final ConfigurableApplicationContext context;
    private final int port;

    private IncidentServiceUnderTest(ConfigurableApplicationContext context, int port) {
        this.context = context;
        this.port = port;
    }

    /**
     * Starts incident-service; {@code extraSources} are configuration classes of the benchmark added to the
     * application (probes such as {@link MongoCommandCounter}).
     */
    static IncidentServiceUnderTest start(Infrastructure infrastructure, Map<String, String> overrides,
            Class<?>... extraSources) {
        int port = FreePorts.next();
        Map<String, String> props = new LinkedHashMap<>();
        props.put("server.port", String.valueOf(port));
        props.put("server.address", "127.0.0.1");
        props.put("spring.kafka.bootstrap-servers", infrastructure.bootstrapServers());
        props.put("spring.mongodb.uri", infrastructure.mongoUri("contingo-incident"));
        props.put("spring.cloud.stream.kafka.binder.consumer-properties.auto.offset.reset", "earliest");
        props.put("spring.main.banner-mode", "off");
        props.put("contingo.security.demo", "true"); // the demo accounts: the benchmarks sign in with them
        props.putAll(overrides);
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        Class<?>[] sources = new Class<?>[extraSources.length + 1];
        sources[0] = applicationClass();
        System.arraycopy(extraSources, 0, sources, 1, extraSources.length);
        return new IncidentServiceUnderTest(new SpringApplicationBuilder(sources).run(args), port);
    }

    private static Class<?> applicationClass() {
        try {
            return Class.forName(APPLICATION_CLASS);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(APPLICATION_CLASS + " is not on the class path: run the benchmarks with "
                    + "benchmarks/run, which adds incident-service/target/classes", e);
        }
    }

    /**
     * Gives this JVM's virtual threads the carriers incident-service's {@code main} gives its own, which starting
     * it here skips; to be called before any virtual thread is created, the JVM reading the setting only then.
     */
    static String carryVirtualThreadsAsTheServiceDoes() {
        try {
            return VirtualThreadCarriers.atLeast(applicationClass().getField("CARRIERS").getInt(null));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(APPLICATION_CLASS + " no longer says how many carriers it wants", e);
        }
    }

    /** Starts the health-events consumer of a service started with its binding's auto-startup off. */
    void startHealthEventsConsumer() {
        context.getBean(BindingsLifecycleController.class).start(HEALTH_EVENTS_BINDING);
    }

    /** Stops the consumer binding: the events it has taken are handled and committed, no new poll starts. */
    void stopHealthEventsConsumer() {
        context.getBean(BindingsLifecycleController.class).stop(HEALTH_EVENTS_BINDING);
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        context.close();
    }
}
