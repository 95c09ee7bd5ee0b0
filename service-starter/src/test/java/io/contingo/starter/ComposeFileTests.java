package io.contingo.starter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * What docker-compose.yml exposes: Kafka and MongoDB only on the host's loopback, each asking for a login that every
 * service is given; the services sign people in with the demo accounts only because the file asks for them.
 */
class ComposeFileTests {

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        try (Reader compose = Files.newBufferedReader(Path.of("..", "docker-compose.yml"))) {
            return (Map<String, Map<String, Object>>) new Yaml().<Map<String, Object>>load(compose).get("services");
        }
    }

    @Test
    void kafkaAndMongoDbArePublishedOnLoopbackOnly() throws IOException {
        Map<String, Map<String, Object>> services = services();
        for (String name : List.of("kafka", "mongo")) {
            List<?> ports = (List<?>) services.get(name).getOrDefault("ports", List.of());
            assertThat(ports).as(name).allSatisfy(port -> assertThat(port.toString()).startsWith("127.0.0.1:"));
        }
    }

    @Test
    void kafkaAndMongoDbAskForALoginAndEveryServiceIsGivenIt() throws IOException {
        Map<String, Map<String, Object>> services = services();
        Map<?, ?> kafka = (Map<?, ?>) services.get("kafka").get("environment");
        assertThat(String.valueOf(kafka.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP")).split(","))
                .containsExactlyInAnyOrder("INTERNAL:SASL_PLAINTEXT", "EXTERNAL:SASL_PLAINTEXT", "CONTROLLER:PLAINTEXT");
        assertThat(kafka.get("KAFKA_SASL_ENABLED_MECHANISMS")).isEqualTo("PLAIN");
        Map<?, ?> mongo = (Map<?, ?>) services.get("mongo").get("environment");
        assertThat(mongo.keySet().stream().map(String::valueOf).toList()).contains("MONGO_INITDB_ROOT_USERNAME", "MONGO_INITDB_ROOT_PASSWORD");
        for (String name : List.of("incident-service", "health-service", "notification-service", "report-service")) {
            Map<?, ?> environment = (Map<?, ?>) services.get(name).get("environment");
            assertThat(environment.get("SPRING_KAFKA_SECURITY_PROTOCOL")).as(name).isEqualTo("SASL_PLAINTEXT");
            assertThat(environment.get("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM")).as(name).isEqualTo("PLAIN");
            assertThat(String.valueOf(environment.get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG"))).as(name)
                    .startsWith("org.apache.kafka.common.security.plain.PlainLoginModule required username=");
            assertThat(String.valueOf(environment.get("SPRING_MONGODB_URI"))).as(name)
                    .matches("mongodb://[^:@/]+:[^@/]+@mongo:27017/contingo-[a-z]+\\?authSource=admin");
        }
    }

    @Test
    void everyServiceAsksForTheDemoAccountsExplicitly() throws IOException {
        Map<String, Map<String, Object>> services = services();
        for (String name : List.of("incident-service", "health-service", "notification-service", "report-service")) {
            Map<?, ?> environment = (Map<?, ?>) services.get(name).get("environment");
            assertThat(String.valueOf(environment.get("CONTINGO_SECURITY_DEMO"))).as(name).isEqualTo("true");
        }
    }
}
