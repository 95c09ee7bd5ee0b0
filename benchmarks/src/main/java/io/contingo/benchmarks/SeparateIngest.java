package io.contingo.benchmarks;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.MalformedURLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.management.JMException;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.contingo.devstack.FreePorts;
import io.contingo.events.Topics;

/**
 * incident-service run from its executable jar as a process of its own (the way {@link ProbeBenchmark} runs
 * health-service), reading the benchmark's topic: its JIT compiler, garbage collector and heap are its own, and
 * the broker and MongoDB-wire server stay in the benchmark's JVM. The warm-up is counted from when the service
 * answers its health check (its consumer starts as it comes up; what it committed by then is left out). After
 * the warm-up the service's consumer binding is stopped until its JIT compiler is quiet, as in the in-JVM mode,
 * through JMX on loopback (the actuator's bindings endpoint, and the JVM's CompilationMXBean); the measured
 * events run from there until its group's committed offsets reach the end of the topic.
 */
final class SeparateIngest {

    static final Path JAR = Path.of("incident-service/target/incident-service.jar");
    static final Path LOG = Path.of("benchmarks/target/ingest-service.log");

    /** What the service process achieved, and the CPU of each process meanwhile. */
    record Result(IngestBenchmark.Reading warmUp, IngestBenchmark.Reading measured, boolean finished,
            double serviceCpuSeconds, double restCpuSeconds, long startedWith, long incidents, long incidentEvents,
            long statusEvents, long deadLetters, String compilerPause) {
    }

    private static final String BINDINGS = "org.springframework.boot:type=Endpoint,name=Bindings";


    /** Follows the service through {@code warmUp} events, then measures it to {@code total}, its CPU and the rest's. */
    Result run(Infrastructure infrastructure, Map<String, String> catalog, long warmUp, long total, Duration limit, String heap)
            throws Exception {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: benchmarks/run builds it");
        }
        int port = FreePorts.next();
        int jmxPort = FreePorts.next();
        // JMX without authentication, for this benchmark's own process on loopback only
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xms" + heap, "-Xmx" + heap, "-Dcom.sun.management.jmxremote.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort, "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                "-Djava.rmi.server.hostname=127.0.0.1", "-Dcom.sun.management.jmxremote.authenticate=false",
                "-Dcom.sun.management.jmxremote.ssl=false"));
        String extra = System.getenv("BENCHMARKS_SERVICE_JAVA_OPTS"); // e.g. -XX:StartFlightRecording=...
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", JAR.toString(),
                "--server.port=" + port, "--server.address=127.0.0.1",
                "--spring.kafka.bootstrap-servers=" + infrastructure.bootstrapServers(),
                "--spring.mongodb.uri=" + infrastructure.mongoUri("contingo-incident"),
                "--spring.cloud.stream.kafka.binder.consumer-properties.auto.offset.reset=earliest",
                "--spring.main.banner-mode=off", "--logging.level.root=WARN", "--contingo.security.demo=true",
                "--spring.jmx.enabled=true", "--management.endpoints.jmx.exposure.include=bindings"));
        catalog.forEach((key, value) -> command.add("--" + key + "=" + value));
        Files.createDirectories(LOG.getParent());
        try (ServiceJvm service = ServiceJvm.start("incident-service", new ProcessBuilder(command), LOG);
             KafkaOffsets offsets = new KafkaOffsets(infrastructure.bootstrapServers())) {
            service.awaitHealthy(port);
            String[] compilerPause = { "none" };
            long startedWith = offsets.committedTotal(IncidentServiceUnderTest.CONSUMER_GROUP, Topics.HEALTH_EVENTS);
            long[] cpuBefore = new long[2];
            CommittedPhases.Outcome phases = CommittedPhases.follow("incident-service, own JVM",
                    () -> offsets.committedTotal(IncidentServiceUnderTest.CONSUMER_GROUP, Topics.HEALTH_EVENTS), startedWith,
                    warmUp, total, limit, () -> {
                        if (warmUp > 0) {
                            compilerPause[0] = pauseUntilCompilerQuiet(jmxPort);
                        }
                        cpuBefore[0] = service.cpuNanos();
                        cpuBefore[1] = ServiceJvm.cpuNanos(ProcessHandle.current());
                    }, service::requireAlive);
            double serviceCpu = (service.cpuNanos() - cpuBefore[0]) / 1e9;
            double ownCpu = (ServiceJvm.cpuNanos(ProcessHandle.current()) - cpuBefore[1]) / 1e9;
            Thread.sleep(1_000); // let the relay publish what the last events queued
            long incidents;
            try (MongoClient mongo = MongoClients.create(infrastructure.mongoUri("contingo-incident"))) {
                incidents = mongo.getDatabase("contingo-incident").getCollection("incidents").countDocuments();
            }
            return new Result(phases.warmUp(), phases.measured(), phases.finished(), serviceCpu, ownCpu, startedWith, incidents,
                    offsets.endTotal(Topics.INCIDENT_EVENTS), offsets.endTotal(Topics.COMPONENT_STATUS),
                    offsets.endTotal(Topics.deadLetter(Topics.HEALTH_EVENTS)), compilerPause[0]);
        }
    }

    /** Stops the service's consumer binding, waits for its JIT compiler to be quiet, and starts the binding again. */
    private static String pauseUntilCompilerQuiet(int jmxPort) {
        JMXServiceURL url;
        try {
            url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi");
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
        try (JMXConnector connector = JMXConnectorFactory.connect(url)) {
            MBeanServerConnection service = connector.getMBeanServerConnection();
            changeState(service, "STOPPED");
            String quiet = IngestBenchmark.awaitCompilerQuiet(ManagementFactory.newPlatformMXBeanProxy(service,
                    ManagementFactory.COMPILATION_MXBEAN_NAME, CompilationMXBean.class));
            Benchmarks.progress("warm-up done; the service's consumer was stopped until its JIT compiler's queue was done ("
                    + quiet + ")");
            changeState(service, "STARTED");
            return quiet;
        } catch (IOException | JMException e) {
            throw new IllegalStateException("Could not pause incident-service's consumer over JMX: " + e.getMessage(), e);
        }
    }

    /** The actuator's {@code changeState} on the health-events binding, with the signature the MBean declares. */
    private static void changeState(MBeanServerConnection service, String state) throws IOException, JMException {
        ObjectName bindings = new ObjectName(BINDINGS);
        MBeanOperationInfo operation = Arrays.stream(service.getMBeanInfo(bindings).getOperations())
                .filter(o -> o.getName().equals("changeState")).findFirst()
                .orElseThrow(() -> new IllegalStateException("No changeState operation on " + BINDINGS));
        String[] signature = Arrays.stream(operation.getSignature()).map(MBeanParameterInfo::getType).toArray(String[]::new);
        service.invoke(bindings, "changeState", new Object[] { IncidentServiceUnderTest.HEALTH_EVENTS_BINDING, state }, signature);
    }
}
