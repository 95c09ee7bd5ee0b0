package io.contingo.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;

import io.contingo.devstack.DemoCustomer;
import io.contingo.devstack.DemoDns;
import io.contingo.devstack.DemoSite;
import io.contingo.devstack.FreePorts;
import io.contingo.devstack.KafkaBroker;
import io.contingo.devstack.MailServer;
import io.contingo.devstack.MongoWireServer;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Faults during demo outages, with the four services as processes on their own broker, MongoDB-wire server and SMTP
 * server: each service in turn killed (SIGKILL) and started again 10 s later; the broker, then the MongoDB server,
 * stopped for 60 s and started again on their data; the SMTP server refusing connections, then answering 4xx, then 5xx.
 * At the end of each outage every incident transition reached the consumers (no sequence missing), every customer email
 * was sent exactly once, the status page agrees with the incident, the on-call agent was paged once, and no dead-letter
 * topic holds anything. Each outage prints one row of the README's reliability table.
 */
class ReliabilityIntegrationTests {

    /** How long each killed service stays down, as the fault is specified. */
    private static final Duration DOWN_FOR = Duration.ofSeconds(10);
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final String OUTAGE = "Production site outage";
    private static final String AGENT = "agent@contingo.local";
    /** How long the broker and the MongoDB server are stopped, as the faults are specified. */
    private static final Duration STOPPED_FOR = Duration.ofSeconds(60);
    /**
     * The SMTP server's fault, compressed: notification-service tries a failed email again after 5 s, 10 s, 20 s... up
     * to its max-retry-delay (5 min by default), so 10 minutes down make 8 attempts (at 0, 5, 15, 35, 75, 155, 315 and
     * 615 s). With the delay capped at 5 s, 40 s down make as many; then 4xx, then 5xx answers, 20 s each.
     */
    private static final Duration SMTP_RETRY_DELAY = Duration.ofSeconds(5);
    private static final Duration SMTP_DOWN = Duration.ofSeconds(40);
    private static final Duration SMTP_4XX = Duration.ofSeconds(20);
    private static final Duration SMTP_5XX = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void everyServiceKilledInTurnDuringAnOutageLosesAndRepeatsNothing() throws Exception {
        Path data = Files.createTempDirectory("contingo-reliability");
        try (KafkaBroker kafka = KafkaBroker.start(data.resolve("kafka"), FreePorts.next(), FreePorts.next());
             MongoWireServer mongo = MongoWireServer.startInMemory();
             MailServer mail = MailServer.start(FreePorts.next(), FreePorts.next());
             DemoSite production = DemoSite.start("Production", FreePorts.next());
             DemoSite contingency = DemoSite.start("Contingency", FreePorts.next());
             DemoDns dns = DemoDns.start("127.0.0.1", 0, "127.0.0.1", production, contingency);
             Platform platform = new Platform(kafka.bootstrapServers(), mongo.uri(), mail, production, contingency, dns)) {
            DemoCustomer.seed(mongo.uri());
            platform.startAll();
            String bootstrap = kafka.bootstrapServers();

            // the site goes down and incident-service dies before it has opened the incident
            Outage outage = new Outage(bootstrap, platform, mail, production);
            crash(platform, "incident-service");
            String id = outage.awaitOpen();

            // notification-service dies while the first email may be on its way
            crash(platform, "notification-service");
            await().atMost(DEADLINE).until(() -> subjects(outage.emails(), DemoCustomer.EMAIL).contains("[Investigating] " + OUTAGE));
            // the on-call agent is paged; acknowledging stops the escalation
            await().atMost(DEADLINE).until(() -> !subjects(outage.emails(), AGENT).isEmpty());
            outage.acknowledge();

            // health-service and report-service die in turn while the outage goes on: it stays one open incident
            crash(platform, "health-service");
            crash(platform, "report-service");
            assertThat(summary(outage.statusPage).get("incidents")).hasSize(1);
            String pdf = platform.url("report-service") + "/api/reports/incidents/" + id + ".pdf";
            await().atMost(DEADLINE).until(() -> call("GET", pdf, null).statusCode() == 200);

            outage.end();
            outage.check("kill -9 of each service in turn, restarted after " + DOWN_FOR.toSeconds() + " s");
        }
    }

    /**
     * Two replicas of every service on one broker and one database, as a cluster runs them. A sign-in through one
     * replica's form is good on the other, and a sign-out on either ends it on both (no sticky sessions); both
     * replicas' status pages answer the same, with the same ETag. Mid-outage one replica of each service is killed
     * (SIGKILL) and not started again: the others carry the outage to its end with the same outcome as one replica.
     */
    @Test
    void twoReplicasOfEachServiceOneOfEachKilledMidOutageLoseAndRepeatNothing() throws Exception {
        Path data = Files.createTempDirectory("contingo-replicas");
        try (KafkaBroker kafka = KafkaBroker.start(data.resolve("kafka"), FreePorts.next(), FreePorts.next());
             MongoWireServer mongo = MongoWireServer.startInMemory();
             MailServer mail = MailServer.start(FreePorts.next(), FreePorts.next());
             DemoSite production = DemoSite.start("Production", FreePorts.next());
             DemoSite contingency = DemoSite.start("Contingency", FreePorts.next());
             DemoDns dns = DemoDns.start("127.0.0.1", 0, "127.0.0.1", production, contingency);
             Platform first = new Platform(kafka.bootstrapServers(), mongo.uri(), mail, production, contingency, dns);
             Platform second = new Platform(kafka.bootstrapServers(), mongo.uri(), mail, production, contingency, dns)) {
            DemoCustomer.seed(mongo.uri());
            first.startAll();
            second.startAll();

            FormSignIn agent = new FormSignIn();
            agent.signIn(first.url("incident-service"), "agent", "demo");
            assertThat(agent.cookie("CONTINGO_INCIDENT_SERVICE")).as("incident-service's own session cookie, in %s", agent).isNotNull();
            assertThat(agent.get(second.url("incident-service") + "/console").statusCode()).as("the other replica knows the sign-in").isEqualTo(200);
            assertThat(agent.signOut(second.url("incident-service"), "/console").statusCode()).isEqualTo(302);
            assertThat(agent.get(first.url("incident-service") + "/console").statusCode()).as("signed out on both").isEqualTo(302);
            FormSignIn manager = new FormSignIn();
            manager.signIn(second.url("report-service"), "manager", "demo");
            assertThat(manager.get(first.url("report-service") + "/reports").statusCode()).isEqualTo(200);
            FormSignIn admin = new FormSignIn(); // and every other service's sign-out comes back to its signed-out notice
            for (Map.Entry<String, String> service : Map.of("health-service", "/monitors", "notification-service", "/deliveries",
                    "report-service", "/reports").entrySet()) {
                admin.signIn(first.url(service.getKey()), "admin", "demo");
                assertThat(admin.signOut(second.url(service.getKey()), service.getValue()).statusCode()).isEqualTo(302);
            }

            Outage outage = new Outage(kafka.bootstrapServers(), second, mail, production);
            String id = outage.awaitOpen();
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                HttpResponse<String> one = call("GET", first.url("incident-service") + "/api/v2/summary.json", null);
                HttpResponse<String> other = call("GET", second.url("incident-service") + "/api/v2/summary.json", null);
                assertThat(one.body()).contains(id).isEqualTo(other.body());
                assertThat(one.headers().firstValue("ETag")).isPresent().isEqualTo(other.headers().firstValue("ETag"));
            });

            // both incident-service replicas relay their outbox in turn (a lease): no transition so far published twice
            List<Long> published = sequences(kafka.bootstrapServers(), id);
            assertThat(published).as("incident-events of %s", id).isNotEmpty().doesNotHaveDuplicates();

            for (String service : Platform.SERVICES) {
                first.kill(service);
            }
            outage.acknowledge();
            String pdf = second.url("report-service") + "/api/reports/incidents/" + id + ".pdf";
            await().atMost(DEADLINE).until(() -> call("GET", pdf, null).statusCode() == 200);
            outage.end();
            outage.check("two replicas of each service, one of each killed (SIGKILL) mid-outage and not started again");
        }
    }

    /**
     * One platform, three outages in turn: the broker stopped for 60 s, then the MongoDB server stopped for 60 s (its
     * data in a file, as a real server keeps it), then the SMTP server failing for a while. Each outage is a new incident
     * with its own end checks; the SMTP server's fault is compressed in time (see {@link #SMTP_RETRY_DELAY}).
     */
    @Test
    void theBrokerTheDatabaseAndTheMailServerFailingInTurnDuringOutagesLoseAndRepeatNothing() throws Exception {
        Path data = Files.createTempDirectory("contingo-reliability");
        Path kafkaLog = data.resolve("kafka");
        Path mongoFile = data.resolve("mongo").resolve("contingo.mv");
        int kafkaPort = FreePorts.next();
        int controllerPort = FreePorts.next();
        int mongoPort = FreePorts.next();
        AtomicReference<KafkaBroker> kafka = new AtomicReference<>(KafkaBroker.start(kafkaLog, kafkaPort, controllerPort));
        AtomicReference<MongoWireServer> mongo = new AtomicReference<>(MongoWireServer.start(mongoFile, mongoPort));
        String bootstrap = kafka.get().bootstrapServers();
        String mongoUri = mongo.get().uri();
        try (MailServer mail = MailServer.start(FreePorts.next(), FreePorts.next());
             SmtpFault smtp = SmtpFault.passingTo(mail.smtpPort());
             DemoSite production = DemoSite.start("Production", FreePorts.next());
             DemoSite contingency = DemoSite.start("Contingency", FreePorts.next());
             DemoDns dns = DemoDns.start("127.0.0.1", 0, "127.0.0.1", production, contingency);
             Platform platform = new Platform(bootstrap, mongoUri, mail, production, contingency, dns)
                     .set("notification-service", "--spring.mail.port=" + smtp.port(),
                             "--contingo.notification.max-retry-delay=" + SMTP_RETRY_DELAY.toSeconds() + "s")
                     // each outage a new incident, not the last one reopened
                     .set("incident-service", "--contingo.incidents.reopen-window=1s")) {
            DemoCustomer.seed(mongoUri);
            platform.startAll();
            // no host metrics agent posts here (./platform up runs one): its monitor would go DOWN after 90 s, an
            // outage of its own in the middle of these
            assertThat(call("POST", platform.url("health-service") + "/api/monitors/cont-api-host-metrics/pause", null).statusCode())
                    .isEqualTo(200);

            stoppedForAMinute(new Outage(bootstrap, platform, mail, production), "Kafka broker",
                    () -> kafka.getAndSet(null).close(), () -> kafka.set(KafkaBroker.start(kafkaLog, kafkaPort, controllerPort)));
            stoppedForAMinute(new Outage(bootstrap, platform, mail, production), "MongoDB server",
                    () -> mongo.getAndSet(null).close(), () -> mongo.set(MongoWireServer.start(mongoFile, mongoPort)));

            // the SMTP server refuses connections, then answers 4xx, then 5xx, for the whole outage and a while after
            Instant smtpFault = Instant.now();
            smtp.down();
            Outage mailAway = new Outage(bootstrap, platform, mail, production);
            long faultStarted = System.nanoTime();
            mailAway.awaitOpen();
            mailAway.acknowledge();
            production.setMode(DemoSite.Mode.UP);
            duringFault(SMTP_DOWN.minusNanos(System.nanoTime() - faultStarted), () -> { });
            smtp.answer("451 4.3.0 Mail server temporarily unavailable, try again later");
            duringFault(SMTP_4XX, () -> { });
            smtp.answer("554 5.3.0 Transaction failed");
            long refusing = System.nanoTime();
            // the delivery log shows why each email waits: the server's own reply
            await().atMost(SMTP_5XX).until(() -> deliveries(mongoUri, smtpFault).stream()
                    .anyMatch(d -> "PENDING".equals(d.getString("status")) && String.valueOf(d.get("lastError")).contains("554")));
            duringFault(SMTP_5XX.minusNanos(System.nanoTime() - refusing), () -> { });
            smtp.passThrough();
            mailAway.end();
            List<Document> sent = await().atMost(DEADLINE).until(() -> deliveries(mongoUri, smtpFault),
                    all -> !all.isEmpty() && all.stream().allMatch(d -> "SENT".equals(d.getString("status"))));
            assertThat(smtp.answered("451")).as("attempts answered 451").isPositive();
            assertThat(smtp.answered("554")).as("attempts answered 554").isPositive();
            int attempts = sent.stream().mapToInt(d -> d.getInteger("attempts", 0)).max().orElseThrow();
            mailAway.check(String.format("SMTP server refusing connections for %d s, then answering 451 for %d s, "
                    + "then 554 for %d s, retries every %d s (%d emails, sent at attempt %d at most; %d commands answered 451, %d 554)",
                    SMTP_DOWN.toSeconds(), SMTP_4XX.toSeconds(), SMTP_5XX.toSeconds(), SMTP_RETRY_DELAY.toSeconds(), sent.size(),
                    attempts, smtp.answered("451"), smtp.answered("554")));
        } finally {
            if (mongo.get() != null) {
                mongo.get().close();
            }
            if (kafka.get() != null) {
                kafka.get().close();
            }
        }
    }

    /**
     * Once the outage's incident has opened and the agent was paged, {@code stop}s a server for 60 s, the site
     * recovering meanwhile, and {@code start}s it again; then the end checks.
     */
    private static void stoppedForAMinute(Outage outage, String server, ThrowingRunnable stop, ThrowingRunnable start) throws Exception {
        outage.awaitOpen();
        outage.acknowledge();
        stop.run();
        duringFault(STOPPED_FOR, () -> outage.production.setMode(DemoSite.Mode.UP));
        start.run();
        outage.end();
        outage.check(server + " stopped for " + STOPPED_FOR.toSeconds() + " s once the agent was paged (the site recovered "
                + "meanwhile), started again on its data");
    }

    /** Lets a fault last {@code length}, doing {@code meanwhile} halfway through; the length of the fault, not a wait. */
    private static void duringFault(Duration length, ThrowingRunnable meanwhile) throws Exception {
        long end = System.nanoTime() + length.toNanos();
        Thread.sleep(Math.max(0, length.toMillis() / 2));
        meanwhile.run();
        Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000));
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** notification-service's emails queued since {@code since}, as its delivery log holds them. */
    private static List<Document> deliveries(String mongoUri, Instant since) {
        try (MongoClient client = MongoClients.create(mongoUri)) {
            return client.getDatabase("contingo-notification").getCollection("deliveries")
                    .find(Filters.gte("createdAt", Date.from(since))).into(new ArrayList<>());
        }
    }

    /**
     * A demo outage: the production site goes down when it begins; {@link #end()} brings it back and waits for the
     * incident to resolve; {@link #check} makes the end checks on what happened since it began and prints the row.
     */
    private final class Outage {

        private final String bootstrap;
        private final String statusPage;
        private final MailServer mail;
        private final DemoSite production;
        private final Set<String> emailsBefore;
        private final long began = System.nanoTime();
        private String id;

        Outage(String bootstrap, Platform platform, MailServer mail, DemoSite production) {
            this.bootstrap = bootstrap;
            this.statusPage = platform.url("incident-service");
            this.mail = mail;
            this.production = production;
            this.emailsBefore = mail.received().stream().map(ReliabilityIntegrationTests::messageId).collect(Collectors.toSet());
            production.setMode(DemoSite.Mode.DOWN);
        }

        /** Waits for the outage's incident, naming the site's three components; its id. */
        String awaitOpen() {
            JsonNode open = await().atMost(DEADLINE).pollInterval(Duration.ofMillis(500)).until(() -> summary(statusPage),
                    s -> s.get("incidents").size() == 1 && s.get("incidents").get(0).get("components").size() == 3);
            id = open.get("incidents").get(0).get("id").asString();
            return id;
        }

        /**
         * Once the agent is paged (on paging-events), they acknowledge the incident: no escalation to the next level. An
         * incident that changed between reading its version and acknowledging it answers 409, as it would to an agent,
         * who reads it again: only 200 and 409 are expected.
         */
        void acknowledge() throws Exception {
            await().atMost(DEADLINE).until(() -> readAll(bootstrap, List.of("paging-events")).stream().anyMatch(page -> id.equals(page.key())));
            String incidentApi = statusPage + "/api/incidents/" + id;
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(500)).until(() -> {
                long version = json.readTree(call("GET", incidentApi, null).body()).get("version").asLong();
                int answer = call("POST", incidentApi + "/acknowledge", "{\"version\":" + version + "}").statusCode();
                assertThat(answer).as("acknowledging %s at version %d", id, version).isIn(200, 409);
                return answer == 200;
            });
        }

        /** The emails received since the outage began (the mail server lists them by mailbox, not by time). */
        List<MimeMessage> emails() {
            return mail.received().stream().filter(message -> !emailsBefore.contains(messageId(message))).toList();
        }

        /** The site comes back: the incident resolves, every component is operational, the customer is told. */
        void end() {
            production.setMode(DemoSite.Mode.UP);
            JsonNode calm = await().atMost(DEADLINE).pollInterval(Duration.ofMillis(500)).until(() -> summary(statusPage),
                    s -> s.get("incidents").isEmpty() && s.get("components").findValuesAsString("status").stream().allMatch("operational"::equals));
            assertThat(calm.get("status").get("indicator").asString()).isEqualTo("none");
            await().atMost(DEADLINE).until(() -> subjects(emails(), DemoCustomer.EMAIL).contains("[Resolved] " + OUTAGE));
        }

        /**
         * Nothing more arrives; every customer email of the outage once, one page and no escalation; every transition
         * of the incident on incident-events; every dead-letter topic empty. Prints the row of the README's table.
         */
        void check(String fault) throws Exception {
            int received = mail.received().size();
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(15)).until(() -> mail.received().size() == received);
            assertThat(subjects(emails(), DemoCustomer.EMAIL)).contains("[Investigating] " + OUTAGE, "[Resolved] " + OUTAGE);
            // each email says something new (an update's text): the same subject and text twice is a repeat
            Map<String, Long> customerEmails = count(contents(emails(), DemoCustomer.EMAIL));
            assertThat(customerEmails).allSatisfy((email, times) -> assertThat(times).as(email).isEqualTo(1L));
            assertThat(subjects(emails(), AGENT)).singleElement().asString().endsWith("(level 1)");
            assertThat(subjects(emails(), "manager@contingo.local")).as("acknowledged: no escalation").isEmpty();

            // every transition of the incident reached the topic, none missing; repeats are counted (consumers drop them)
            List<Long> sequences = sequences(bootstrap, id);
            long last = sequences.stream().mapToLong(Long::longValue).max().orElseThrow();
            assertThat(sequences.stream().distinct().sorted().toList()).as("no transition lost")
                    .isEqualTo(java.util.stream.LongStream.rangeClosed(1, last).boxed().toList());
            Map<String, Long> parked = deadLetters(bootstrap);
            assertThat(parked).as("nothing on a dead-letter topic").allSatisfy((topic, records) -> assertThat(records).as(topic).isZero());

            System.out.printf("RELIABILITY | %s | survived | lost: 0 | emails duplicated: 0 (%d customer emails, 1 page) | "
                    + "incident-events: %d transitions, %d published again (dropped by consumers) | dead letters: 0 | %d s%n",
                    fault, customerEmails.values().stream().mapToLong(Long::longValue).sum(), last, sequences.size() - last,
                    Duration.ofNanos(System.nanoTime() - began).toSeconds());
        }
    }

    private static void crash(Platform platform, String service) throws Exception {
        platform.kill(service);
        Thread.sleep(DOWN_FOR.toMillis()); // the length of the fault itself, not a wait for a condition
        platform.start(service);
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Long> count(List<String> subjects) {
        return subjects.stream().collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
    }

    private static List<String> subjects(List<MimeMessage> messages, String address) throws Exception {
        List<String> subjects = new ArrayList<>();
        for (MimeMessage message : messages) {
            if (java.util.Arrays.stream(message.getAllRecipients()).anyMatch(r -> r.toString().contains(address))) {
                subjects.add(message.getSubject());
            }
        }
        return subjects;
    }

    /** Each email's subject and text, to the address. */
    private static List<String> contents(List<MimeMessage> messages, String address) throws Exception {
        List<String> contents = new ArrayList<>();
        for (MimeMessage message : messages) {
            if (java.util.Arrays.stream(message.getAllRecipients()).anyMatch(r -> r.toString().contains(address))) {
                contents.add(message.getSubject() + "\n" + MailServer.part(message, "text/plain"));
            }
        }
        return contents;
    }

    /** The sequences of the incident's events on incident-events, in the order read, repeats included. */
    private List<Long> sequences(String bootstrap, String incidentId) {
        List<Long> sequences = new ArrayList<>();
        for (ConsumerRecord<String, String> record : readAll(bootstrap, List.of("incident-events"))) {
            JsonNode event = json.readTree(record.value());
            if (incidentId.equals(event.get("incidentId").asString())) {
                sequences.add(event.get("sequence").asLong());
            }
        }
        return sequences;
    }

    /** How many records each dead-letter topic holds. */
    private static Map<String, Long> deadLetters(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<String> dlqs = admin.listTopics().names().get().stream().filter(t -> t.endsWith(".dlq")).sorted().toList();
            Map<String, Long> counts = new TreeMap<>();
            for (String topic : dlqs) {
                counts.put(topic, (long) readAll(bootstrap, List.of(topic)).size());
            }
            assertThat(counts).as("the platform's dead-letter topics").isNotEmpty();
            return counts;
        }
    }

    /** Every record of the topics, from the beginning to their end as it is now. */
    private static List<ConsumerRecord<String, String>> readAll(String bootstrap, List<String> topics) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = topics.stream().flatMap(t -> consumer.partitionsFor(t).stream()
                    .map(i -> new TopicPartition(t, i.partition()))).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
            });
        }
        return records;
    }

    private JsonNode summary(String statusPage) throws Exception {
        return json.readTree(http.send(HttpRequest.newBuilder(URI.create(statusPage + "/api/v2/summary.json"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    /** A call as the demo's agent (the PDF is read as the manager, monitors changed by the admin). */
    private HttpResponse<String> call(String method, String url, String body) throws Exception {
        String user = url.contains("/api/reports/") ? "manager" : url.contains("/api/monitors/") ? "admin" : "agent";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
