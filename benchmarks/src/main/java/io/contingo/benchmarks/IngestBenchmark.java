package io.contingo.benchmarks;

import java.io.PrintStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.contingo.events.HealthEvent;
import io.contingo.events.HealthStatus;
import io.contingo.events.Topics;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ingest: how many health events per second incident-service processes, next to a bare {@link KafkaConsumer}
 * reading the same topic in the same run.
 *
 * <p>The topic is filled first with {@code warmUp + events} health events from many components, monitors and
 * probes, mostly UP, with lone DOWN flaps and some outages of whole components (every monitor from every probe
 * DOWN for four rounds), so that incidents open, grow and resolve as they would. Then a bare consumer reads them
 * all (own group, bytes only), a second one reads and parses them as incident-service does, and finally
 * incident-service's consumer is started at the earliest offset. Each reader's clock starts after the warm-up
 * events: a running service is past its JIT compiler's warm-up, which on two cores takes minutes of full load.
 * incident-service's consumer is also stopped there until the compiler has caught up with its queue, then
 * started again and timed until its group's committed offsets reach the end of the topic. While it runs, the
 * MongoDB commands the service sends are counted, the CPU time of each part of the JVM is accounted, and the
 * consumer threads are sampled.
 */
final class IngestBenchmark {

    /**
     * @param warmUp            health events every reader takes before its clock starts (the JIT compiler's warm-up)
     * @param events            health events measured, after the warm-up ones
     * @param sites             sites of the catalog
     * @param componentsPerSite components of each site
     * @param monitors          monitors per component
     * @param probes            probe locations per monitor
     * @param limit             longest time incident-service gets to read them all
     * @param concurrency       consumer threads of incident-service's binding; 0: as its application.yml says (three)
     * @param separate          incident-service from its jar in a JVM of its own ({@link SeparateIngest}), not in this one
     */
    record Settings(int warmUp, int events, int sites, int componentsPerSite, int monitors, int probes, Duration limit,
            int concurrency, boolean separate) {
        static Settings defaults(int warmUp, int events, Duration limit, int concurrency, boolean separate) {
            return new Settings(warmUp, events, 20, 10, 3, 2, limit, concurrency, separate);
        }

        /** Warm-up and measured events: what the topic holds. */
        int total() {
            return warmUp + events;
        }

        int tracks() {
            return sites * componentsPerSite * monitors * probes;
        }
    }

    /** What one reader achieved. */
    record Reading(String reader, long events, Duration took) {
        double perSecond() {
            return events / (took.toNanos() / 1e9);
        }
    }

    private static final Instant START = Instant.parse("2026-01-05T08:00:00Z");
    /** Chance that one monitor's result from one probe is a lone DOWN. */
    private static final double FLAP = 0.01;
    /** Chance that a component's outage starts in a round: all its monitors from all probes DOWN. */
    private static final double OUTAGE = 0.005;
    /** Rounds an outage lasts: enough to cross the failure threshold. */
    private static final int OUTAGE_LENGTH = 4;

    private final Settings settings;
    private final PrintStream out;

    IngestBenchmark(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    void run() throws Exception {
        SyntheticCatalog catalog = new SyntheticCatalog(settings.sites(), settings.componentsPerSite());
        try (Infrastructure infrastructure = Infrastructure.start()) {
            Benchmarks.progress("filling " + Topics.HEALTH_EVENTS + " with " + Table.count(settings.total()) + " health events");
            long[] downs = new long[1];
            long fillStart = System.nanoTime();
            long bytes = fill(infrastructure.bootstrapServers(), catalog, downs);
            Duration fill = Duration.ofNanos(System.nanoTime() - fillStart);

            Benchmarks.progress("bare KafkaConsumer reading them");
            Reading bare = read(infrastructure.bootstrapServers(), "bench-bare-consumer", false);
            Benchmarks.progress("KafkaConsumer reading and parsing them");
            Reading parsing = read(infrastructure.bootstrapServers(), "bench-parsing-consumer", true);

            if (settings.separate()) {
                Benchmarks.progress("starting incident-service from its jar, in a JVM of its own, and timing it");
                Map<String, String> overrides = new java.util.LinkedHashMap<>(catalog.properties());
                if (settings.concurrency() > 0) {
                    overrides.put("spring.cloud.stream.bindings." + IncidentServiceUnderTest.HEALTH_EVENTS_BINDING
                            + ".consumer.concurrency", String.valueOf(settings.concurrency()));
                }
                SeparateIngest.Result separate = new SeparateIngest().run(infrastructure, overrides, settings.warmUp(),
                        settings.total(), settings.limit(), "1g");
                printSeparate(catalog, bytes, downs[0], fill, bare, parsing, separate);
                return;
            }
            Benchmarks.progress("starting incident-service (consumer stopped)");
            ServiceRun service = runService(infrastructure, catalog);

            printFigures(catalog, bytes, downs[0], fill, bare, parsing, service);
        }
    }

    /** Writes the events, interleaved as probes would report them: every track once per round. */
    private long fill(String bootstrapServers, SyntheticCatalog catalog, long[] downs) {
        List<SyntheticCatalog.Component> components = catalog.components();
        int tracks = settings.tracks();
        int perComponent = settings.monitors() * settings.probes();
        int[] outageLeft = new int[components.size()];
        Random random = new Random(42);
        long bytes = 0;
        try (HealthEventsProducer producer = HealthEventsProducer.forBulk(bootstrapServers)) {
            for (int i = 0; i < settings.total(); i++) {
                int track = i % tracks;
                int round = i / tracks;
                int c = track / perComponent;
                SyntheticCatalog.Component component = components.get(c);
                int monitor = (track % perComponent) / settings.probes();
                int probe = track % settings.probes();
                if (track % perComponent == 0) { // the component's round begins
                    if (outageLeft[c] > 0) {
                        outageLeft[c]--;
                    } else if (random.nextDouble() < OUTAGE) {
                        outageLeft[c] = OUTAGE_LENGTH;
                    }
                }
                HealthStatus status = outageLeft[c] > 0 || random.nextDouble() < FLAP ? HealthStatus.DOWN : HealthStatus.UP;
                if (status == HealthStatus.DOWN) {
                    downs[0]++;
                }
                HealthEvent event = HealthEventsProducer.event(component.siteId(), component.id(),
                        component.id() + "-m" + monitor, "probe-" + probe, status,
                        START.plusSeconds(10L * round).plusMillis(track % 1000));
                bytes += HealthEventsProducer.json(event).length;
                producer.send(event);
            }
            producer.flush();
        }
        return bytes;
    }

    private Reading read(String bootstrapServers, String group, boolean parse) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        Function<byte[], HealthEvent> reader = incidentServiceReader();
        long deadline = System.nanoTime() + settings.limit().toNanos();
        long count = 0;
        long start = System.nanoTime();
        long startCount = 0;
        boolean warm = settings.warmUp() == 0;
        long last = start;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(Topics.HEALTH_EVENTS));
            while (count < settings.total() && System.nanoTime() < deadline) {
                if (!warm && count >= settings.warmUp()) { // the clock starts at the first poll past the warm-up
                    warm = true;
                    start = System.nanoTime();
                    startCount = count;
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (parse) {
                        HealthEvent event = reader.apply(record.value());
                        if (event.componentId() == null) {
                            throw new IllegalStateException("unparsed event");
                        }
                    }
                    count++;
                }
                last = System.nanoTime();
            }
        }
        return new Reading(parse ? "KafkaConsumer + JSON parsing" : "bare KafkaConsumer", count - startCount,
                Duration.ofNanos(Math.max(1, last - start)));
    }

    /** incident-service's own reader of health events ({@code HealthEventReader}, loaded by name as the application is). */
    private static Function<byte[], HealthEvent> incidentServiceReader() {
        try {
            Class<?> type = Class.forName("io.contingo.incident.component.HealthEventReader");
            Object reader = type.getConstructor(JsonMapper.class).newInstance(JsonMapper.builder().build());
            MethodHandle read = MethodHandles.publicLookup().findVirtual(type, "read", MethodType.methodType(HealthEvent.class, byte[].class))
                    .bindTo(reader);
            return payload -> {
                try {
                    return (HealthEvent) read.invokeExact(payload);
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Throwable e) {
                    throw new IllegalStateException(e);
                }
            };
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("incident-service's classes are not on the class path: run benchmarks/run", e);
        }
    }

    /**
     * Waits until the JIT compiler has been idle for a second (what it compiles while the events keep coming on
     * two cores it catches up with only later), at most 90 s; says how long that took.
     */
    private static String awaitCompilerQuiet() {
        return awaitCompilerQuiet(java.lang.management.ManagementFactory.getCompilationMXBean());
    }

    /** Waits until {@code compiler} spent under 20 ms compiling in a second (at most 90 s), and says how long it took. */
    static String awaitCompilerQuiet(java.lang.management.CompilationMXBean compiler) {
        long start = System.nanoTime();
        long before = compiler.getTotalCompilationTime();
        try {
            while (System.nanoTime() - start < Duration.ofSeconds(90).toNanos()) {
                Thread.sleep(1_000); // sampling a JVM figure, not synchronising threads
                long now = compiler.getTotalCompilationTime();
                if (now - before < 20) {
                    return String.format("quiet after %.0f s", (System.nanoTime() - start) / 1e9);
                }
                before = now;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "still compiling after 90 s";
    }

    /** incident-service's reading, and what it cost. */
    private record ServiceRun(Reading warmUp, Reading measured, boolean finished, Map<String, MongoCommandCounter.Tally> mongo,
            CpuAccounting.Usage cpu, CpuProfile.Profile consumerProfile, String incidentSizes, long incidents, long incidentEvents,
            long statusEvents, long deadLetters) {
    }

    private ServiceRun runService(Infrastructure infrastructure, SyntheticCatalog catalog) throws InterruptedException {
        Map<String, String> overrides = new java.util.LinkedHashMap<>(catalog.properties());
        String binding = "spring.cloud.stream.bindings." + IncidentServiceUnderTest.HEALTH_EVENTS_BINDING;
        overrides.put(binding + ".consumer.auto-startup", "false");
        if (settings.concurrency() > 0) {
            overrides.put(binding + ".consumer.concurrency", String.valueOf(settings.concurrency()));
        }
        try (IncidentServiceUnderTest service = IncidentServiceUnderTest.start(infrastructure, overrides, MongoCommandCounter.class);
             KafkaOffsets offsets = new KafkaOffsets(infrastructure.bootstrapServers())) {
            MongoCommandCounter mongoCommands = service.context().getBean(MongoCommandCounter.class);
            CpuAccounting cpu = new CpuAccounting(CpuAccounting::platformRole);
            CpuProfile profile = new CpuProfile();
            Benchmarks.progress("incident-service reading them");
            service.startHealthEventsConsumer();
            CommittedPhases.Outcome phases = CommittedPhases.follow("incident-service",
                    () -> offsets.committedTotal(IncidentServiceUnderTest.CONSUMER_GROUP, Topics.HEALTH_EVENTS), 0,
                    settings.warmUp(), settings.total(), settings.limit(), () -> {
                        if (settings.warmUp() > 0) {
                            service.stopHealthEventsConsumer();
                            profile.start(); // the recorder's own code is compiled now, not while the service is timed
                            Benchmarks.progress("warm-up done; consumer stopped until the JIT compiler's queue is done ("
                                    + awaitCompilerQuiet() + ")");
                            service.startHealthEventsConsumer();
                        } else {
                            profile.start();
                        }
                        mongoCommands.reset();
                        cpu.start();
                    }, () -> { });
            CpuAccounting.Usage usage = cpu.stop();
            CpuProfile.Profile consumerProfile = profile.stop(
                    sample -> CpuAccounting.platformRole(sample.threadGroup()).contains("consumer"));
            Map<String, MongoCommandCounter.Tally> tallies = mongoCommands.tallies();
            Thread.sleep(1_000); // let the relay publish what the last events queued
            MongoTemplate mongo = service.context().getBean(MongoTemplate.class);
            long incidents = mongo.getCollection("incidents").countDocuments();
            long[] sizes = mongo.getCollection("incidents").withDocumentClass(org.bson.RawBsonDocument.class).find().into(new ArrayList<>()).stream()
                    .mapToLong(d -> d.getByteBuffer().remaining()).sorted().toArray();
            String incidentSizes = sizes.length == 0 ? "none" : String.format("median %.1f KB, largest %.1f KB",
                    sizes[sizes.length / 2] / 1024.0, sizes[sizes.length - 1] / 1024.0);
            return new ServiceRun(phases.warmUp(), phases.measured(), phases.finished(), tallies, usage, consumerProfile, incidentSizes,
                    incidents,
                    offsets.endTotal(Topics.INCIDENT_EVENTS), offsets.endTotal(Topics.COMPONENT_STATUS),
                    offsets.endTotal(Topics.deadLetter(Topics.HEALTH_EVENTS)));
        }
    }

    private void printSeparate(SyntheticCatalog catalog, long bytes, long downs, Duration fill, Reading bare, Reading parsing,
            SeparateIngest.Result service) {
        printHeading(catalog, bytes, downs, fill);
        printReaders("Readers of the same topic, one after the other; incident-service from its jar in a JVM of its own "
                + "(-Xmx1g), the broker and MongoDB-wire server in this one", bare, parsing, service.warmUp(), service.measured());
        out.printf("  the warm-up is counted from when the service answers its health check (the %s events it had committed "
                + "by then are left out); after it, the service's consumer was stopped until its JIT compiler was quiet (%s)%n",
                Table.count(service.startedWith()), service.compilerPause());
        printOutcome(service.finished(), bare, service.measured().perSecond(), service.incidents(), service.incidentEvents(),
                service.statusEvents(), service.deadLetters());
        double seconds = service.measured().took().toNanos() / 1e9;
        long events = Math.max(1, service.measured().events());
        new Table("CPU while incident-service read (" + Runtime.getRuntime().availableProcessors() + " cores, "
                + String.format("%.1f", seconds) + " s)", "process", "CPU s", "cores", "µs CPU per event")
                .row("incident-service (its JVM: consumer, JIT compiler, GC, relay, ...)", String.format("%.2f", service.serviceCpuSeconds()),
                        String.format("%.2f", service.serviceCpuSeconds() / seconds), String.format("%.1f", service.serviceCpuSeconds() * 1e6 / events))
                .row("the rest (this JVM: Kafka broker, MongoDB-wire server, offsets polling)", String.format("%.2f", service.restCpuSeconds()),
                        String.format("%.2f", service.restCpuSeconds() / seconds), String.format("%.1f", service.restCpuSeconds() * 1e6 / events))
                .print(out);
    }

    private void printHeading(SyntheticCatalog catalog, long bytes, long downs, Duration fill) {
        out.printf("%nINGEST  %s health events measured after %s of warm-up (%s MB of JSON, %.1f %% DOWN) from %d components "
                + "x %d monitors x %d probes on %d sites; topic filled in %.1f s%n", Table.count(settings.events()),
                Table.count(settings.warmUp()), String.format("%.1f", bytes / 1e6), 100.0 * downs / settings.total(), catalog.sites() * catalog.componentsPerSite(), settings.monitors(),
                settings.probes(), catalog.sites(), fill.toMillis() / 1000.0);
        if (settings.concurrency() > 0) {
            out.printf("  incident-service's consumer runs with concurrency %d (--concurrency; its own setting is 3)%n",
                    settings.concurrency());
        }
    }

    private void printReaders(String title, Reading bare, Reading... others) {
        Table readers = new Table(title, "reader", "events", "seconds", "events/s", "of bare consumer");
        java.util.stream.Stream.concat(java.util.stream.Stream.of(bare), java.util.Arrays.stream(others)).forEach(r ->
                readers.row(r.reader(), Table.count(r.events()), String.format("%.2f", r.took().toNanos() / 1e9),
                        Table.rate(r.perSecond()), Table.percent(100 * r.perSecond() / bare.perSecond())));
        readers.print(out);
    }

    private void printOutcome(boolean finished, Reading bare, double rate, long incidents, long incidentEvents, long statusEvents,
            long deadLetters) {
        if (!finished) {
            out.printf("  incident-service did not finish within %d s: its rate is over the events it committed by then.%n",
                    settings.limit().toSeconds());
        }
        printGoals(bare, rate);
        out.printf("  engine output: %s incidents, %s incident events, %s component status events, %s dead letters%n",
                Table.count(incidents), Table.count(incidentEvents), Table.count(statusEvents), Table.count(deadLetters));
    }

    private void printGoals(Reading bare, double rate) {
        out.printf("  goal >= 50,000 events/s: %s (%s events/s)%n", rate >= 50_000 ? "MET" : "NOT MET", Table.rate(rate));
        out.printf("  goal >= 30 %% of the bare consumer: %s (%s)%n", rate >= 0.3 * bare.perSecond() ? "MET" : "NOT MET",
                Table.percent(100 * rate / bare.perSecond()));
    }

    private void printFigures(SyntheticCatalog catalog, long bytes, long downs, Duration fill, Reading bare, Reading parsing,
            ServiceRun service) {
        printHeading(catalog, bytes, downs, fill);
        printReaders("Readers of the same topic, one after the other, in this JVM", bare, parsing, service.warmUp(),
                service.measured());
        printOutcome(service.finished(), bare, service.measured().perSecond(), service.incidents(), service.incidentEvents(),
                service.statusEvents(), service.deadLetters());
        // each incident step reads and writes its incident whole
        out.printf("  incident documents at the end: %s%n", service.incidentSizes());

        long events = Math.max(1, service.measured().events());
        double wallMicrosPerEvent = service.measured().took().toNanos() / 1e3 / events;
        Table mongo = new Table("Where the time goes: MongoDB commands sent by incident-service while it read (driver's view)",
                "command collection @ thread of", "count", "per event", "avg µs", "µs per event");
        service.mongo().entrySet().stream()
                .sorted(Map.Entry.<String, MongoCommandCounter.Tally>comparingByValue(
                        java.util.Comparator.comparingLong(MongoCommandCounter.Tally::nanos)).reversed())
                .limit(14)
                .forEach(e -> mongo.row(e.getKey(), Table.count(e.getValue().count()),
                        String.format("%.2f", e.getValue().count() / (double) events),
                        String.format("%.0f", e.getValue().averageMicros()),
                        String.format("%.1f", e.getValue().nanos() / 1e3 / events)));
        mongo.print(out);
        double consumerMongoMicros = service.mongo().entrySet().stream().filter(e -> e.getKey().contains("consumer"))
                .mapToLong(e -> e.getValue().nanos()).sum() / 1e3 / events;
        out.printf("  wall time per event: %.1f µs; the consumer threads wait %.1f µs per event for MongoDB answers, summed over "
                + "threads (%.0f %% of the wall time: over 100 %% when several wait at once)%n",
                wallMicrosPerEvent, consumerMongoMicros, 100 * consumerMongoMicros / wallMicrosPerEvent);

        Table cpu = new Table(String.format("CPU used while incident-service read: %.2f of %d cores over %.1f s",
                service.cpu().cores(), Runtime.getRuntime().availableProcessors(), service.cpu().wall().toMillis() / 1000.0),
                "part", "CPU s", "share of JVM CPU", "µs CPU per event");
        service.cpu().nanosByPart().entrySet().stream().limit(10).forEach(e -> cpu.row(e.getKey(),
                String.format("%.2f", e.getValue() / 1e9), Table.percent(100.0 * e.getValue() / service.cpu().processNanos()),
                String.format("%.1f", e.getValue() / 1e3 / events)));
        cpu.print(out);
        out.printf("  garbage collector: %d collections, %.2f s of collection time (G1: pauses and concurrent cycles)%n",
                service.cpu().gcCount(), service.cpu().gcTime().toMillis() / 1000.0);

        CpuProfile.Profile profile = service.consumerProfile();
        Table layers = new Table("The consumer threads' CPU by library (" + profile.samples() + " samples, 10 ms apart)",
                "library the thread was in", "samples", "share");
        profile.samplesByLayer().entrySet().stream().limit(10)
                .forEach(e -> layers.row(e.getKey(), e.getValue(), Table.percent(profile.share(e.getValue()))));
        layers.print(out);
    }
}
