package io.contingo.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.contingo.devstack.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;

/** notification-service starts on the real parts, is healthy, and consumes the incident-events contract. */
class NotificationServiceIntegrationTests {

    @Test
    void startsHealthyAndConsumesIncidentEvents() throws Exception {
        String topic = "incident-events-n" + ProcessHandle.current().pid();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(NotificationServiceApplication.class).run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                "--spring.mongodb.uri=" + TestInfrastructure.mongoUri("notification"),
                "--spring.cloud.stream.bindings.onIncidentEvent-in-0.destination=" + topic,
                "--spring.cloud.stream.kafka.bindings.onIncidentEvent-in-0.consumer.dlq-name=" + topic + ".dlq")) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p);
                 InputStream fixture = getClass().getResourceAsStream("/contracts/incident-event.json")) {
                producer.send(new ProducerRecord<>(topic, "inc-20261126-0915-production", new String(fixture.readAllBytes()))).get();
            }

            MeterRegistry meters = app.getBean(MeterRegistry.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> meters.find("contingo.incident.events.received")
                    .tag("type", "OPENED").counter() != null);
            assertThat(meters.get("contingo.incident.events.received").tag("type", "OPENED").counter().count()).isEqualTo(1.0);

            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            HttpClient http = HttpClient.newHttpClient();
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).contains("\"status\":\"UP\"");
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/subscribers")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        }
    }
}
