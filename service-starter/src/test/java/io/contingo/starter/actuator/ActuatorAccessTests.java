package io.contingo.starter.actuator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.config.Customizer.withDefaults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The actuator on a service whose own rules let any signed-in account through (as on 8081-8083): the health summary
 * and the probe groups stay open, the health details and the metrics are for ADMIN only.
 */
class ActuatorAccessTests {

    private static ConfigurableApplicationContext service;
    private static String base;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        service = new SpringApplicationBuilder(AnyServiceApplication.class).run("--server.port=0", "--server.address=127.0.0.1",
                "--contingo.security.demo=true", "--spring.main.banner-mode=off",
                "--management.endpoints.web.exposure.include=health,info,prometheus",
                "--management.endpoint.health.show-details=when-authorized", "--management.endpoint.health.probes.enabled=true",
                "--spring.autoconfigure.exclude=org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration,"
                        + "org.springframework.boot.mongodb.autoconfigure.MongoReactiveAutoConfiguration,"
                        + "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration,"
                        + "org.springframework.boot.data.mongodb.autoconfigure.DataMongoReactiveAutoConfiguration,"
                        + "org.springframework.boot.data.mongodb.autoconfigure.DataMongoRepositoriesAutoConfiguration,"
                        + "org.springframework.boot.data.mongodb.autoconfigure.DataMongoReactiveRepositoriesAutoConfiguration");
        base = "http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void theHealthSummaryAndTheProbesAreOpenWithoutDetails() throws Exception {
        for (String path : new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            HttpResponse<String> anonymous = get(path, null);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(200);
            assertThat(anonymous.body()).as(path).contains("\"status\":\"UP\"").doesNotContain("components");
        }
    }

    @Test
    void healthDetailsAreForAdminOnly() throws Exception {
        for (String user : new String[] {"agent", "manager"}) {
            HttpResponse<String> health = get("/actuator/health", user);
            assertThat(health.statusCode()).as(user).isEqualTo(200);
            assertThat(health.body()).as(user).contains("\"status\":\"UP\"").doesNotContain("components").doesNotContain("diskSpace");
            assertThat(get("/actuator/health/diskSpace", user).statusCode()).as(user).isEqualTo(403);
        }
        assertThat(get("/actuator/health/diskSpace", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/health", "admin").body()).contains("components").contains("diskSpace");
        assertThat(get("/actuator/health/diskSpace", "admin").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsAndTheOtherEndpointsAreForAdminOnly() throws Exception {
        for (String path : new String[] {"/actuator/prometheus", "/actuator/info", "/actuator"}) {
            assertThat(get(path, null).statusCode()).as(path).isEqualTo(401);
            assertThat(get(path, "agent").statusCode()).as(path).isEqualTo(403);
            assertThat(get(path, "manager").statusCode()).as(path).isEqualTo(403);
            assertThat(get(path, "admin").statusCode()).as(path).isEqualTo(200);
        }
        assertThat(get("/actuator/prometheus", "admin").body()).contains("jvm_memory_used_bytes");
    }

    private static HttpResponse<String> get(String path, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A service's own catch-all rules, as health-, notification- and report-service have them. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class AnyServiceApplication {

        @Bean
        @Order(2)
        SecurityFilterChain serviceRules(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(auth -> auth
                            .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                            .anyRequest().authenticated())
                    .httpBasic(withDefaults())
                    .build();
        }
    }
}
