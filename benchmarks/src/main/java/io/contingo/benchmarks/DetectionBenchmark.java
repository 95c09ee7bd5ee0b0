package io.contingo.benchmarks;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.contingo.events.HealthEvent;
import io.contingo.events.HealthStatus;
import io.contingo.events.IncidentEvent;
import io.contingo.events.Topics;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Detection: the time from the health event that crosses the failure threshold (the 3rd consecutive DOWN of a
 * monitor and probe) being published on {@code health-events} to the incident's event (OPENED, or
 * COMPONENTS_CHANGED when the site's incident is already open) being published on {@code incident-events}.
 *
 * <p>Each cycle takes a site of its own (the catalog has one two-component site per cycle, so no incident is
 * grouped with, or reopened from, an earlier cycle's): two DOWNs for each component (below the threshold; the
 * cycle waits until incident-service has committed them), then the 3rd DOWN of the first component (measured:
 * OPENED), then the 3rd DOWN of the second (measured: COMPONENTS_CHANGED), then two UPs for each; the last UP,
 * sent once the others are consumed, is measured to the incident's next event as the recovery (RESOLVED, or an
 * UPDATED "monitoring" where the engine waits for a quiet period before resolving). Crossings run one at a
 * time on an otherwise quiet service, so the figure is the engine's own latency, not a queue's; with
 * {@code --background=R}, other sites' components send R UP events per second meanwhile, and the figure includes
 * the queue they make.
 *
 * <p>An incident event is matched to its crossing by its {@code occurredAt}, which is the crossing event's
 * {@code observedAt} (unique per event here). Two clocks are reported: the records' own timestamps (CreateTime,
 * set by each producer when it sends, milliseconds: publish to publish), and this benchmark's send call to its
 * consumer's receipt of the incident event (nanoTime: what a downstream consumer sees).
 */
final class DetectionBenchmark {

    private static final int BACKGROUND_SITES = 10;
    private static final int BACKGROUND_MONITORS = 10;
    private static final int WARM_UP_CYCLES = 10;
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final int crossings;
    private final int background;
    private final Duration limit;
    private final PrintStream out;
    private final int cycles;
    private final SyntheticCatalog catalog;
    private final Map<Instant, CompletableFuture<Seen>> expected = new ConcurrentHashMap<>();
    private Instant clock = Instant.parse("2026-01-05T08:00:00Z");

    /** @param background UP events per second from other sites' components while crossings are measured (0: none) */
    DetectionBenchmark(int crossings, int background, Duration limit, PrintStream out) {
        this.crossings = crossings;
        this.background = background;
        this.limit = limit;
        this.out = out;
        this.cycles = crossings / 2;
        this.catalog = new SyntheticCatalog(WARM_UP_CYCLES + cycles + (background > 0 ? BACKGROUND_SITES : 0), 2);
    }

    /** An incident event as the benchmark's consumer received it. */
    private record Seen(IncidentEvent.Type type, long recordTimestamp, long receivedNanos) {
    }

    /** One crossing's latencies, in milliseconds. */
    private record Latency(IncidentEvent.Type type, double publishToPublish, double sendToReceive) {
    }

    void run() throws Exception {
        try (Infrastructure infrastructure = Infrastructure.start()) {
            Benchmarks.progress("starting incident-service with " + catalog.sites() + " sites of 2 components");
            try (IncidentServiceUnderTest service = IncidentServiceUnderTest.start(infrastructure, catalog.properties());
                 HealthEventsProducer producer = HealthEventsProducer.forLatency(infrastructure.bootstrapServers());
                 KafkaOffsets offsets = new KafkaOffsets(infrastructure.bootstrapServers())) {
                IncidentEventsReader reader = new IncidentEventsReader(infrastructure.bootstrapServers());
                reader.start();
                BackgroundLoad load = background > 0 ? new BackgroundLoad(infrastructure.bootstrapServers()) : null;
                try {
                    if (load != null) {
                        load.start();
                    }
                    measure(producer, offsets, load);
                } finally {
                    if (load != null) {
                        load.stop();
                    }
                    reader.stop();
                }
            }
        }
    }

    private void measure(HealthEventsProducer producer, KafkaOffsets offsets, BackgroundLoad load) throws Exception {
        List<Latency> crossingLatencies = new ArrayList<>();
        List<Latency> recoveries = new ArrayList<>();
        int missed = 0;
        boolean behind = false;
        long deadline = System.nanoTime() + limit.toNanos();
        Benchmarks.progress(WARM_UP_CYCLES + " warm-up cycles, then " + cycles + " measured cycles (" + crossings + " crossings)");
        int cycle = 0;
        for (; cycle < WARM_UP_CYCLES + cycles && System.nanoTime() < deadline; cycle++) {
            int site = cycle;
            SyntheticCatalog.Component first = new SyntheticCatalog.Component(catalog.siteId(site), catalog.componentId(site, 0));
            SyntheticCatalog.Component second = new SyntheticCatalog.Component(catalog.siteId(site), catalog.componentId(site, 1));
            Map<TopicPartition, Long> written = new HashMap<>();
            for (int i = 0; i < 2; i++) {
                note(written, producer.sendNow(event(first, HealthStatus.DOWN)));
                note(written, producer.sendNow(event(second, HealthStatus.DOWN)));
            }
            if (!awaitCommitted(offsets, written)) {
                behind = true;
                break;
            }
            Latency opened = cross(producer, first, HealthStatus.DOWN, "OPENED");
            Latency changed = opened == null ? null : cross(producer, second, HealthStatus.DOWN, "COMPONENTS_CHANGED");
            written.clear();
            note(written, producer.sendNow(event(first, HealthStatus.UP)));
            note(written, producer.sendNow(event(first, HealthStatus.UP)));
            note(written, producer.sendNow(event(second, HealthStatus.UP)));
            if (!awaitCommitted(offsets, written)) {
                behind = true;
                break;
            }
            Latency resolved = cross(producer, second, HealthStatus.UP, "an event on recovery");
            if (cycle < WARM_UP_CYCLES) {
                continue;
            }
            for (Latency latency : java.util.Arrays.asList(opened, changed)) {
                if (latency == null) {
                    missed++;
                } else {
                    crossingLatencies.add(latency);
                }
            }
            if (resolved != null) {
                recoveries.add(resolved);
            }
        }
        double backgroundRate = load == null ? 0 : load.rate();
        if (behind) {
            out.printf("%n  incident-service fell more than %d s behind the background load: measurement stopped%n", WAIT.toSeconds());
        }
        print(crossingLatencies, recoveries, missed, Math.max(0, cycle - WARM_UP_CYCLES), backgroundRate);
    }

    private HealthEvent event(SyntheticCatalog.Component component, HealthStatus status) {
        clock = clock.plusSeconds(1);
        return HealthEventsProducer.event(component.siteId(), component.id(), component.id() + "-http", "probe-1", status, clock);
    }

    private static void note(Map<TopicPartition, Long> written, RecordMetadata metadata) {
        written.merge(new TopicPartition(metadata.topic(), metadata.partition()), metadata.offset() + 1, Math::max);
    }

    /**
     * Waits until incident-service has committed the events written so far, so that a crossing finds no queue of
     * its own making. False when it did not within {@link #WAIT} (it cannot keep up with the background load).
     */
    private static boolean awaitCommitted(KafkaOffsets offsets, Map<TopicPartition, Long> written) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Map<TopicPartition, Long> committed = offsets.committed(IncidentServiceUnderTest.CONSUMER_GROUP, Topics.HEALTH_EVENTS);
            if (written.entrySet().stream().allMatch(w -> committed.getOrDefault(w.getKey(), 0L) >= w.getValue())) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    /** Sends the event that crosses a threshold and waits for the incident event it causes; null when none came. */
    private Latency cross(HealthEventsProducer producer, SyntheticCatalog.Component component, HealthStatus status,
            String expectedType) throws InterruptedException {
        HealthEvent event = event(component, status);
        CompletableFuture<Seen> seen = new CompletableFuture<>();
        expected.put(event.observedAt(), seen);
        long sentNanos = System.nanoTime();
        RecordMetadata metadata = producer.sendNow(event);
        try {
            Seen incidentEvent = seen.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (status == HealthStatus.DOWN && !incidentEvent.type().name().equals(expectedType)) {
                Benchmarks.progress("expected " + expectedType + " for " + component.id() + ", got " + incidentEvent.type());
            }
            return new Latency(incidentEvent.type(), incidentEvent.recordTimestamp() - metadata.timestamp(),
                    (incidentEvent.receivedNanos() - sentNanos) / 1e6);
        } catch (TimeoutException e) {
            Benchmarks.progress("no " + expectedType + " within " + WAIT.toSeconds() + " s for " + component.id());
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            expected.remove(event.observedAt());
        }
    }

    private void print(List<Latency> crossed, List<Latency> recoveries, int missed, int cyclesRun, double backgroundRate) {
        out.printf("%nDETECTION  %d threshold crossings measured one at a time (%d cycles of %d planned, after %d warm-up "
                + "cycles), a site of 2 components per cycle, thresholds 3 failures / 2 successes; %d crossings without an "
                + "incident event%n", crossed.size(), cyclesRun, cycles, WARM_UP_CYCLES, missed);
        out.println(background == 0 ? "  no other traffic: the engine's own latency"
                : String.format("  background: %s UP events/s asked, %s sent, from %d other components x %d monitors",
                        Table.rate(background), Table.rate(backgroundRate), BACKGROUND_SITES * 2, BACKGROUND_MONITORS));
        Table table = new Table("Latency from the health event to the incident event, in milliseconds",
                "from → to (clock)", "n", "p50", "p90", "p99", "max", "mean");
        table.latencies("3rd DOWN → OPENED or COMPONENTS_CHANGED (record timestamps)",
                crossed.stream().map(Latency::publishToPublish).toList());
        table.latencies("  only OPENED (record timestamps)", crossed.stream().filter(l -> l.type() == IncidentEvent.Type.OPENED)
                .map(Latency::publishToPublish).toList());
        table.latencies("  only COMPONENTS_CHANGED (record timestamps)", crossed.stream()
                .filter(l -> l.type() == IncidentEvent.Type.COMPONENTS_CHANGED).map(Latency::publishToPublish).toList());
        table.latencies("3rd DOWN sent → incident event received (consumer)", crossed.stream().map(Latency::sendToReceive).toList());
        String recoveryTypes = recoveries.stream().map(l -> l.type().name()).distinct().sorted()
                .collect(java.util.stream.Collectors.joining(" or "));
        table.latencies("2nd UP of the last component → " + (recoveryTypes.isEmpty() ? "next event" : recoveryTypes)
                + " (record timestamps)", recoveries.stream().map(Latency::publishToPublish).toList());
        table.print(out);
        Distribution d = Distribution.of(crossed.stream().map(Latency::publishToPublish).toList());
        out.printf("  goal p99 < 250 ms: %s (p99 %s)%n", d.count() > 0 && d.p99() < 250 ? "MET" : "NOT MET", Table.millis(d.p99()));
    }

    /**
     * UP events from the background sites' components at a steady rate, on their own thread and producer, as
     * health-service's probes would send them between the crossings.
     */
    private final class BackgroundLoad {

        private final HealthEventsProducer producer;
        private final Thread thread = Thread.ofPlatform().name("bench-background-load").daemon().unstarted(this::run);
        private volatile boolean running = true;
        private long sent;
        private long startedNanos;
        private long stoppedNanos;

        BackgroundLoad(String bootstrapServers) {
            producer = HealthEventsProducer.forBulk(bootstrapServers);
        }

        void start() {
            thread.start();
        }

        private void run() {
            List<SyntheticCatalog.Component> components = catalog.components()
                    .subList((WARM_UP_CYCLES + cycles) * 2, catalog.components().size());
            int tracks = components.size() * BACKGROUND_MONITORS;
            Instant base = Instant.parse("2026-01-05T08:00:00Z");
            startedNanos = System.nanoTime();
            while (running) {
                long due = (System.nanoTime() - startedNanos) * background / 1_000_000_000L;
                for (; sent < due; sent++) {
                    int track = (int) (sent % tracks);
                    SyntheticCatalog.Component component = components.get(track / BACKGROUND_MONITORS);
                    producer.send(HealthEventsProducer.event(component.siteId(), component.id(),
                            component.id() + "-m" + track % BACKGROUND_MONITORS, "probe-1", HealthStatus.UP,
                            base.plusSeconds(10 * (sent / tracks))));
                }
                LockSupport.parkNanos(2_000_000);
            }
            stoppedNanos = System.nanoTime();
            producer.close();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(10_000);
        }

        double rate() {
            long end = stoppedNanos == 0 ? System.nanoTime() : stoppedNanos;
            return sent / ((end - startedNanos) / 1e9);
        }
    }

    /** Reads incident-events on its own thread and completes the crossing each event answers. */
    private final class IncidentEventsReader {

        private final KafkaConsumer<byte[], byte[]> consumer;
        private final ObjectReader json = JsonMapper.builder().build().readerFor(IncidentEvent.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        private final Thread thread = Thread.ofPlatform().name("bench-incident-events-reader").daemon().unstarted(this::run);
        private volatile boolean running = true;

        IncidentEventsReader(String bootstrapServers) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-detection");
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
            p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            consumer = new KafkaConsumer<>(p);
        }

        void start() {
            consumer.subscribe(List.of(Topics.INCIDENT_EVENTS));
            thread.start();
        }

        private void run() {
            try {
                while (running) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                        long received = System.nanoTime();
                        IncidentEvent event = json.readValue(record.value());
                        CompletableFuture<Seen> waiting = expected.get(event.occurredAt());
                        if (waiting != null) {
                            waiting.complete(new Seen(event.type(), record.timestamp(), received));
                        }
                    }
                }
            } finally {
                consumer.close();
            }
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(5_000);
        }
    }
}
