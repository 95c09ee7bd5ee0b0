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
 * What docker-compose.yml exposes: Kafka and MongoDB, which take no credentials, only on the host's loopback; the
 * services sign people in with the demo accounts only because the file asks for them.
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
    void everyServiceAsksForTheDemoAccountsExplicitly() throws IOException {
        Map<String, Map<String, Object>> services = services();
        for (String name : List.of("incident-service", "health-service", "notification-service", "report-service")) {
            Map<?, ?> environment = (Map<?, ?>) services.get(name).get("environment");
            assertThat(String.valueOf(environment.get("CONTINGO_SECURITY_DEMO"))).as(name).isEqualTo("true");
        }
    }
}
