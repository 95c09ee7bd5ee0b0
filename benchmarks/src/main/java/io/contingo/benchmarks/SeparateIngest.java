package io.contingo.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.contingo.devstack.FreePorts;
import io.contingo.events.Topics;

/**
 * incident-service run from its executable jar as a process of its own (the way {@link ProbeBenchmark} runs
 * health-service), reading the benchmark's topic: its JIT compiler, garbage collector and heap are its own, and
 * the broker and MongoDB-wire server stay in the benchmark's JVM. The clock starts when the service answers its
 * health check (its consumer starts as it comes up; what it committed by then is left out of the count) and stops
 * when its group's committed offsets reach the end of the topic.
 */
final class SeparateIngest {

    static final Path JAR = Path.of("incident-service/target/incident-service.jar");
    static final Path LOG = Path.of("benchmarks/target/ingest-service.log");

    /** What the service process achieved, and the CPU of each process meanwhile. */
    record Result(IngestBenchmark.Reading overall, IngestBenchmark.Reading afterWarmUp, boolean finished,
            double serviceCpuSeconds, double restCpuSeconds, long startedWith, long incidents, long incidentEvents,
            long statusEvents, long deadLetters) {
    }


    Result run(Infrastructure infrastructure, Map<String, String> catalog, long events, Duration limit, String heap) throws Exception {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: benchmarks/run builds it");
        }
        int port = FreePorts.next();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xms" + heap, "-Xmx" + heap, "-jar", JAR.toString(),
                "--server.port=" + port, "--server.address=127.0.0.1",
                "--spring.kafka.bootstrap-servers=" + infrastructure.bootstrapServers(),
                "--spring.mongodb.uri=" + infrastructure.mongoUri("contingo-incident"),
                "--spring.cloud.stream.kafka.binder.consumer-properties.auto.offset.reset=earliest",
                "--spring.main.banner-mode=off", "--logging.level.root=WARN"));
        catalog.forEach((key, value) -> command.add("--" + key + "=" + value));
        Files.createDirectories(LOG.getParent());
        try (ServiceJvm service = ServiceJvm.start("incident-service", new ProcessBuilder(command), LOG);
             KafkaOffsets offsets = new KafkaOffsets(infrastructure.bootstrapServers())) {
            service.awaitHealthy(port);
            long serviceCpuBefore = service.cpuNanos();
            long ownCpuBefore = ServiceJvm.cpuNanos(ProcessHandle.current());
            long start = System.nanoTime();
            long startedWith = offsets.committedTotal(IncidentServiceUnderTest.CONSUMER_GROUP, Topics.HEALTH_EVENTS);
            long deadline = start + limit.toNanos();
            long quarter = events / 4;
            long quarterAt = -1;
            long quarterCommitted = 0;
            long committed = startedWith;
            long now = start;
            while (committed < events && now < deadline) {
                service.requireAlive();
                Thread.sleep(100); // polling a figure of another process, not synchronising threads
                committed = offsets.committedTotal(IncidentServiceUnderTest.CONSUMER_GROUP, Topics.HEALTH_EVENTS);
                now = System.nanoTime();
                if (quarterAt < 0 && committed >= Math.max(quarter, startedWith)) {
                    quarterAt = now;
                    quarterCommitted = committed;
                }
            }
            double serviceCpu = (service.cpuNanos() - serviceCpuBefore) / 1e9;
            double ownCpu = (ServiceJvm.cpuNanos(ProcessHandle.current()) - ownCpuBefore) / 1e9;
            IngestBenchmark.Reading overall = new IngestBenchmark.Reading("incident-service, own JVM", committed - startedWith,
                    Duration.ofNanos(now - start));
            IngestBenchmark.Reading afterWarmUp = quarterAt < 0 || now == quarterAt ? overall
                    : new IngestBenchmark.Reading("incident-service, own JVM, after warm-up", committed - quarterCommitted,
                            Duration.ofNanos(now - quarterAt));
            Thread.sleep(1_000); // let the relay publish what the last events queued
            long incidents;
            try (MongoClient mongo = MongoClients.create(infrastructure.mongoUri("contingo-incident"))) {
                incidents = mongo.getDatabase("contingo-incident").getCollection("incidents").countDocuments();
            }
            return new Result(overall, afterWarmUp, committed >= events, serviceCpu, ownCpu, startedWith, incidents,
                    offsets.endTotal(Topics.INCIDENT_EVENTS), offsets.endTotal(Topics.COMPONENT_STATUS),
                    offsets.endTotal(Topics.deadLetter(Topics.HEALTH_EVENTS)));
        }
    }
}
