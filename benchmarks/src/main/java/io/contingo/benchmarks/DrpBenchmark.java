package io.contingo.benchmarks;

import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.security.crypto.password.PasswordEncoder;


import io.contingo.events.DrpCommand;
import io.contingo.events.DrpEvent;
import io.contingo.events.Topics;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Disaster recovery: how soon a run's step orders go out. incident-service (the default catalog: the pair
 * "production" of the sites production and contingency) runs a failover runbook of {@value #STEPS} webhook steps
 * against a local HTTP server that answers 200 at once; an agent proposes a run (API), a manager approves it on the
 * console (a form of the session she signed in with once, as in the README's walk-through), the run
 * orders each step on {@code drp-commands}, the executor calls the webhook and answers on {@code drp-events}, the
 * run orders the next step, and after the last one the run has succeeded and the pair is free for the next. Runs
 * one at a time, after {@value #WARM_UP_RUNS} warm-up runs.
 *
 * <p>Measured, by a consumer of both topics that this benchmark runs:
 * <ul>
 * <li>approval → first command: from the benchmark's send of the approve request (nanoTime) to its consumer's
 * receipt of the run's first {@link DrpCommand}; also by wall clock, the send to the command record's timestamp
 * (CreateTime), and the service's decision (the command's {@code issuedAt}, after the request's authentication)
 * to that timestamp;</li>
 * <li>outcome → next command: the record timestamp of each step's STEP_FINISHED on {@code drp-events} to that of
 * the run's command for the next step on {@code drp-commands} (publish to publish); also the consumer's receipt
 * of the one to its receipt of the other.</li>
 * </ul>
 * For comparison, an authenticated GET of the run and one check of the demo password by the service's own encoder:
 * the API is stateless HTTP Basic, so every API request checks its password (bcrypt, tens of ms); the console's
 * session does not.
 */
final class DrpBenchmark {

    private static final int STEPS = 3;
    private static final int WARM_UP_RUNS = 10;
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final double GOAL_MILLIS = 100;

    private final int runs;
    private final Duration limit;
    private final PrintStream out;
    private final Map<String, Trace> traces = new ConcurrentHashMap<>();
    private final JsonMapper json = JsonMapper.builder().build();
    private ServiceClient client;
    private PasswordEncoder passwords;
    private String encodedPassword;

    DrpBenchmark(int runs, Duration limit, PrintStream out) {
        this.runs = runs;
        this.limit = limit;
        this.out = out;
    }

    /** A step order as the benchmark's consumer received it. */
    private record Seen(long recordTimestamp, long receivedNanos, Instant at) {
    }

    /** What the consumer saw of one run: its step orders and its steps' outcomes, by step. */
    private static final class Trace {
        final Seen[] commands = new Seen[STEPS];
        final Seen[] outcomes = new Seen[STEPS];
        final String[] failures = new String[STEPS];
        final CompletableFuture<Void> lastOutcome = new CompletableFuture<>();
    }

    /** One run's latencies, in milliseconds. */
    private record RunLatency(double sentToReceived, double sentToPublished, double sentToDecided, double decidedToPublished,
            double approveAnswered, double readAnswered, double passwordChecked, List<Double> outcomeToCommand,
            List<Double> outcomeToCommandReceived, List<Double> commandToOutcome) {
    }

    void run() throws Exception {
        try (Infrastructure infrastructure = Infrastructure.start(); InstantWebhooks webhooks = InstantWebhooks.start()) {
            Benchmarks.progress("starting incident-service with its default catalog and site pair");
            try (IncidentServiceUnderTest service = IncidentServiceUnderTest.start(infrastructure, Map.of())) {
                client = new ServiceClient(service.baseUrl(), json, WAIT);
                passwords = service.context().getBean(PasswordEncoder.class);
                encodedPassword = passwords.encode("demo");
                saveRunbook(webhooks);
                DrpReader reader = new DrpReader(infrastructure.bootstrapServers());
                reader.start();
                try {
                    measure(webhooks);
                } finally {
                    reader.stop();
                }
            }
        }
    }

    private void saveRunbook(InstantWebhooks webhooks) throws Exception {
        List<Map<String, Object>> steps = new ArrayList<>();
        for (int i = 0; i < STEPS; i++) {
            steps.add(Map.of("name", "Automation " + (i + 1), "kind", "webhook", "estimate", "PT1M",
                    "url", webhooks.url("/step-" + (i + 1)), "timeout", "PT5S"));
        }
        HttpResponse<String> saved = client.call("PUT", "/api/drp/runbooks/failover", Map.of("name", "Failover of " + STEPS + " fast webhooks",
                "pair", "production", "kind", "failover", "steps", steps), "admin");
        if (saved.statusCode() != 200) {
            throw new IllegalStateException("The runbook was refused: HTTP " + saved.statusCode() + " " + saved.body());
        }
    }

    private void measure(InstantWebhooks webhooks) throws Exception {
        List<RunLatency> measured = new ArrayList<>();
        int failed = 0;
        String stopped = null;
        long deadline = System.nanoTime() + limit.toNanos();
        client.signInToConsole("manager");
        Benchmarks.progress(WARM_UP_RUNS + " warm-up runs, then " + runs + " measured runs of " + STEPS + " webhook steps");
        int run = 0;
        for (; run < WARM_UP_RUNS + runs; run++) {
            if (System.nanoTime() > deadline) {
                stopped = "the limit of " + limit.toSeconds() + " s was reached";
                break;
            }
            RunLatency latency;
            try {
                latency = oneRun();
            } catch (TimeoutException | IllegalStateException e) {
                stopped = e.getMessage();
                break;
            }
            if (run >= WARM_UP_RUNS) {
                if (latency == null) {
                    failed++;
                } else {
                    measured.add(latency);
                }
            }
        }
        if (stopped != null) {
            out.printf("%n  measurement stopped: %s%n", stopped);
        }
        print(measured, failed, Math.max(0, run - WARM_UP_RUNS), webhooks.answered.get());
    }

    /** Proposes, approves and follows one run to its end; null when an order or an outcome was not seen. */
    private RunLatency oneRun() throws Exception {
        String runId = propose();
        Trace trace = new Trace();
        traces.put(runId, trace);
        try {
            long sentMillis = System.currentTimeMillis();
            long sentNanos = System.nanoTime();
            HttpResponse<String> approved = client.consoleForm("/console/drp/runs/" + runId + "/approve", "override=");
            double approveAnswered = (System.nanoTime() - sentNanos) / 1e6;
            if (approved.statusCode() != 302) {
                throw new IllegalStateException("The run " + runId + " was not approved: HTTP " + approved.statusCode() + " " + approved.body());
            }
            try {
                trace.lastOutcome.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new TimeoutException("the run " + runId + " did not finish its " + STEPS + " steps within " + WAIT.toSeconds() + " s: "
                        + client.body("GET", "/api/drp/runs/" + runId, "agent"));
            }
            synchronized (trace) {
                for (int i = 0; i < STEPS; i++) {
                    if (trace.failures[i] != null) {
                        throw new IllegalStateException("step " + (i + 1) + " of the run " + runId + " failed: " + trace.failures[i]);
                    }
                }
            }
            awaitState(runId, "SUCCEEDED");
            long readNanos = System.nanoTime();
            client.call("GET", "/api/drp/runs/" + runId, null, "manager");
            double readAnswered = (System.nanoTime() - readNanos) / 1e6;
            long checkNanos = System.nanoTime();
            if (!passwords.matches("demo", encodedPassword)) {
                throw new IllegalStateException("The service's password encoder does not match its own encoding");
            }
            double passwordChecked = (System.nanoTime() - checkNanos) / 1e6;
            synchronized (trace) {
                for (int i = 0; i < STEPS; i++) {
                    if (trace.commands[i] == null || trace.outcomes[i] == null) {
                        Benchmarks.progress("run " + runId + ": the " + (trace.commands[i] == null ? "order" : "outcome") + " of step "
                                + (i + 1) + " was not seen");
                        return null;
                    }
                }
                List<Double> outcomeToCommand = new ArrayList<>();
                List<Double> outcomeToCommandReceived = new ArrayList<>();
                List<Double> commandToOutcome = new ArrayList<>();
                for (int i = 0; i < STEPS; i++) {
                    commandToOutcome.add((double) (trace.outcomes[i].recordTimestamp() - trace.commands[i].recordTimestamp()));
                    if (i + 1 < STEPS) {
                        outcomeToCommand.add((double) (trace.commands[i + 1].recordTimestamp() - trace.outcomes[i].recordTimestamp()));
                        outcomeToCommandReceived.add((trace.commands[i + 1].receivedNanos() - trace.outcomes[i].receivedNanos()) / 1e6);
                    }
                }
                Seen first = trace.commands[0];
                return new RunLatency((first.receivedNanos() - sentNanos) / 1e6, first.recordTimestamp() - sentMillis,
                        first.at().toEpochMilli() - sentMillis, first.recordTimestamp() - first.at().toEpochMilli(), approveAnswered,
                        readAnswered, passwordChecked, outcomeToCommand, outcomeToCommandReceived, commandToOutcome);
            }
        } finally {
            traces.remove(runId);
        }
    }

    /** An agent proposes a failover; the pair is freed just after the previous run's end, so a refusal is tried again. */
    private String propose() throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            HttpResponse<String> proposed = client.call("POST", "/api/drp/runs", Map.of("pair", "production", "kind", "failover"), "agent");
            if (proposed.statusCode() == 201) {
                JsonNode run = json.readTree(proposed.body());
                if (!run.get("guardProblems").isEmpty()) {
                    throw new IllegalStateException("The run would start against its guards: " + run.get("guardProblems"));
                }
                return run.get("id").asString();
            }
            if (proposed.statusCode() != 409 || System.nanoTime() > deadline) {
                throw new IllegalStateException("No run could be proposed: HTTP " + proposed.statusCode() + " " + proposed.body());
            }
            Thread.sleep(2);
        }
    }

    private void awaitState(String runId, String state) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            JsonNode run = client.body("GET", "/api/drp/runs/" + runId, "agent");
            if (run.get("state").asString().equals(state)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("the run " + runId + " is " + run.get("state").asString() + ", not " + state + ", after "
                        + WAIT.toSeconds() + " s");
            }
            Thread.sleep(2);
        }
    }

    private void print(List<RunLatency> measured, int failed, int runsDone, long webhookCalls) {
        out.printf("%nDRP  %d runs measured one at a time (%d of %d planned, after %d warm-up runs), a failover runbook of %d webhook "
                + "steps answered at once by a local server (%,d calls in all); %d runs with an order or outcome not seen%n",
                measured.size(), runsDone, runs, WARM_UP_RUNS, STEPS, webhookCalls, failed);
        Table table = new Table("Latency of the runs' step orders, in milliseconds",
                "from → to (clock)", "n", "p50", "p90", "p99", "max", "mean");
        List<Double> approvals = measured.stream().map(RunLatency::sentToReceived).toList();
        List<Double> outcomes = measured.stream().flatMap(l -> l.outcomeToCommand().stream()).toList();
        table.latencies("approve sent (console) → first command received (consumer)", approvals);
        table.latencies("  approve sent → first command published (wall clock, record timestamp)",
                measured.stream().map(RunLatency::sentToPublished).toList());
        table.latencies("  approve sent → approval decided (the command's issuedAt, wall clock)",
                measured.stream().map(RunLatency::sentToDecided).toList());
        table.latencies("  approval decided → first command published (record timestamp)",
                measured.stream().map(RunLatency::decidedToPublished).toList());
        table.latencies("  approve sent → its HTTP answer received", measured.stream().map(RunLatency::approveAnswered).toList());
        table.latencies("  for comparison: GET of the run sent → answered (HTTP Basic: a password check)",
                measured.stream().map(RunLatency::readAnswered).toList());
        table.latencies("  for comparison: one password check by the service's encoder (bcrypt)",
                measured.stream().map(RunLatency::passwordChecked).toList());
        table.latencies("STEP_FINISHED → next step's command (record timestamps)", outcomes);
        table.latencies("  STEP_FINISHED received → next command received (consumer)",
                measured.stream().flatMap(l -> l.outcomeToCommandReceived().stream()).toList());
        table.latencies("command → its STEP_FINISHED: the executor and the webhook (record timestamps)",
                measured.stream().flatMap(l -> l.commandToOutcome().stream()).toList());
        table.print(out);
        goal("approval → first command (consumer)", approvals);
        goal("outcome → next command (record timestamps)", outcomes);
    }

    private void goal(String what, List<Double> millis) {
        Distribution d = Distribution.of(millis);
        out.printf("  goal p99 < %.0f ms, %s: %s (p99 %s)%n", GOAL_MILLIS, what,
                d.count() > 0 && d.p99() < GOAL_MILLIS ? "MET" : "NOT MET", Table.millis(d.p99()));
    }

    /** Reads drp-commands and drp-events from their ends, on its own thread, and notes what each traced run sent. */
    private final class DrpReader {

        private final KafkaConsumer<byte[], byte[]> consumer;
        private final ObjectReader commands = json.readerFor(DrpCommand.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        private final ObjectReader events = json.readerFor(DrpEvent.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        private final Thread thread = Thread.ofPlatform().name("bench-drp-reader").daemon().unstarted(this::run);
        private volatile boolean running = true;

        DrpReader(String bootstrapServers) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
            p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            consumer = new KafkaConsumer<>(p);
        }

        /** Takes every partition of both topics (no group: nothing to wait for) at its end, then reads on. */
        void start() {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.DRP_COMMANDS, Topics.DRP_EVENTS)) {
                consumer.partitionsFor(topic, WAIT).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            if (partitions.isEmpty()) {
                throw new IllegalStateException("incident-service created neither " + Topics.DRP_COMMANDS + " nor " + Topics.DRP_EVENTS);
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            thread.start();
        }

        private void run() {
            try {
                while (running) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                        long received = System.nanoTime();
                        if (record.topic().equals(Topics.DRP_COMMANDS)) {
                            DrpCommand command = commands.readValue(record.value());
                            Trace trace = traces.get(command.runId());
                            if (trace != null && command.stepIndex() < STEPS) {
                                synchronized (trace) {
                                    trace.commands[command.stepIndex()] = new Seen(record.timestamp(), received, command.issuedAt());
                                }
                            }
                        } else {
                            DrpEvent event = events.readValue(record.value());
                            Trace trace = traces.get(event.runId());
                            if (trace != null && event.type() == DrpEvent.Type.STEP_FINISHED && event.outcome().stepIndex() < STEPS) {
                                int step = event.outcome().stepIndex();
                                synchronized (trace) {
                                    trace.outcomes[step] = new Seen(record.timestamp(), received, event.occurredAt());
                                    trace.failures[step] = event.outcome().succeeded() ? null : event.outcome().detail();
                                }
                                if (step == STEPS - 1 || !event.outcome().succeeded()) {
                                    trace.lastOutcome.complete(null);
                                }
                            }
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
