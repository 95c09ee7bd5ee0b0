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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

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
 * Faults during a demo outage, with the four services as processes on their own broker, MongoDB-wire server and SMTP
 * server: each service in turn is killed (SIGKILL) and started again 10 s later. At the end every incident transition
 * reached the consumers (no sequence missing), every customer email was sent exactly once, the status page agrees
 * with the incident, the on-call agent was paged once, and no dead-letter topic holds anything. It prints one row of
 * the README's reliability table.
 */
class ReliabilityIntegrationTests {

    /** How long each killed service stays down, as the fault is specified. */
    private static final Duration DOWN_FOR = Duration.ofSeconds(10);
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final String OUTAGE = "Production site outage";

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
            String statusPage = platform.url("incident-service");

            // the site goes down and incident-service dies before it has opened the incident
            production.setMode(DemoSite.Mode.DOWN);
            crash(platform, "incident-service");
            JsonNode open = await().atMost(DEADLINE).pollInterval(Duration.ofMillis(500)).until(() -> summary(statusPage),
                    s -> s.get("incidents").size() == 1 && s.get("incidents").get(0).get("components").size() == 3);
            String id = open.get("incidents").get(0).get("id").asString();

            // notification-service dies while the first email may be on its way
            crash(platform, "notification-service");
            await().atMost(DEADLINE).until(() -> subjects(mail, DemoCustomer.EMAIL).contains("[Investigating] " + OUTAGE));
            // the on-call agent is paged; acknowledging stops the escalation
            await().atMost(DEADLINE).until(() -> !subjects(mail, "agent@contingo.local").isEmpty());
            String incidentApi = statusPage + "/api/incidents/" + id;
            long version = json.readTree(call("GET", incidentApi, null).body()).get("version").asLong();
            assertThat(call("POST", incidentApi + "/acknowledge", "{\"version\":" + version + "}").statusCode()).isEqualTo(200);

            // health-service and report-service die in turn while the outage goes on: it stays one open incident
            crash(platform, "health-service");
            crash(platform, "report-service");
            assertThat(summary(statusPage).get("incidents")).hasSize(1);
            String pdf = platform.url("report-service") + "/api/reports/incidents/" + id + ".pdf";
            await().atMost(DEADLINE).until(() -> call("GET", pdf, null).statusCode() == 200);

            production.setMode(DemoSite.Mode.UP);
            JsonNode calm = await().atMost(DEADLINE).pollInterval(Duration.ofMillis(500)).until(() -> summary(statusPage),
                    s -> s.get("incidents").isEmpty() && s.get("components").findValuesAsString("status").stream().allMatch("operational"::equals));
            assertThat(calm.get("status").get("indicator").asString()).isEqualTo("none");
            await().atMost(DEADLINE).until(() -> subjects(mail, DemoCustomer.EMAIL).contains("[Resolved] " + OUTAGE));

            // nothing more arrives: every customer email once, one page
            int received = mail.received().size();
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(15)).until(() -> mail.received().size() == received);
            assertThat(subjects(mail, DemoCustomer.EMAIL)).contains("[Investigating] " + OUTAGE, "[Resolved] " + OUTAGE);
            // each email says something new (an update's text): the same subject and text twice is a repeat
            Map<String, Long> customerEmails = count(contents(mail, DemoCustomer.EMAIL));
            assertThat(customerEmails).allSatisfy((email, times) -> assertThat(times).as(email).isEqualTo(1L));
            assertThat(subjects(mail, "agent@contingo.local")).singleElement().asString().endsWith("(level 1)");
            assertThat(subjects(mail, "manager@contingo.local")).as("acknowledged: no escalation").isEmpty();

            // every transition of the incident reached the topic, none missing; repeats are counted (consumers drop them)
            List<Long> sequences = sequences(kafka.bootstrapServers(), id);
            long last = sequences.stream().mapToLong(Long::longValue).max().orElseThrow();
            assertThat(sequences.stream().distinct().sorted().toList()).as("no transition lost")
                    .isEqualTo(java.util.stream.LongStream.rangeClosed(1, last).boxed().toList());
            Map<String, Long> parked = deadLetters(kafka.bootstrapServers());
            assertThat(parked).as("nothing on a dead-letter topic").allSatisfy((topic, records) -> assertThat(records).as(topic).isZero());

            System.out.printf("RELIABILITY | kill -9 of each service in turn, restarted after %d s | survived | lost: 0 | "
                    + "emails duplicated: 0 (%d customer emails, 1 page) | incident-events: %d transitions, %d published again "
                    + "(dropped by consumers) | dead letters: 0%n", DOWN_FOR.toSeconds(), customerEmails.values().stream()
                    .mapToLong(Long::longValue).sum(), last, sequences.size() - last);
        }
    }

    private static void crash(Platform platform, String service) throws Exception {
        platform.kill(service);
        Thread.sleep(DOWN_FOR.toMillis()); // the length of the fault itself, not a wait for a condition
        platform.start(service);
    }

    private static Map<String, Long> count(List<String> subjects) {
        return subjects.stream().collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
    }

    private static List<String> subjects(MailServer mail, String address) throws Exception {
        List<String> subjects = new ArrayList<>();
        for (MimeMessage message : mail.received()) {
            if (java.util.Arrays.stream(message.getAllRecipients()).anyMatch(r -> r.toString().contains(address))) {
                subjects.add(message.getSubject());
            }
        }
        return subjects;
    }

    /** Each email's subject and text, to the address. */
    private static List<String> contents(MailServer mail, String address) throws Exception {
        List<String> contents = new ArrayList<>();
        for (MimeMessage message : mail.received()) {
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

    /** A call as the demo's agent (the PDF is read as the manager). */
    private HttpResponse<String> call(String method, String url, String body) throws Exception {
        String user = url.contains("/api/reports/") ? "manager" : "agent";
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
