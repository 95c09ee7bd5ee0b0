package io.contingo.starter.body;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The body limit on a real server, as any service gets it from the starter (here 1 KB): a declared length over
 * it is refused before the endpoint runs, a chunked body over it is 413 even where the endpoint answers an
 * unreadable body with a 400 of its own, a chunked body under it is answered as the endpoint answers, and paths
 * outside {@code /api} are left alone.
 */
class BodyLimitFilterTests {

    private static final AtomicInteger CALLS = new AtomicInteger();
    private static ConfigurableApplicationContext service;
    private static String base;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        service = new SpringApplicationBuilder(AnyServiceApplication.class).run("--server.port=0", "--server.address=127.0.0.1",
                "--contingo.security.demo=true", "--spring.main.banner-mode=off", "--contingo.api.body.limit=1KB",
                "--spring.autoconfigure.exclude=org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration,"
                        + "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration,"
                        + "org.springframework.boot.data.mongodb.autoconfigure.DataMongoRepositoriesAutoConfiguration");
        base = "http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeTheEndpointRuns() throws Exception {
        CALLS.set(0);
        HttpResponse<String> refused = post("/api/echo", HttpRequest.BodyPublishers.ofByteArray(new byte[4096]));

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(refused.body()).contains("\"message\":\"The body is larger than 1024 bytes, the most this API takes\"");
        assertThat(CALLS).hasValue(0);
    }

    @Test
    void aChunkedBodyOverTheLimitIs413WhateverTheEndpointAnswers() throws Exception {
        HttpResponse<String> refused = post("/api/echo", chunked(4096));

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).contains("The body is larger than 1024 bytes").doesNotContain("unreadable");
    }

    @Test
    void aChunkedBodyUnderTheLimitAndOtherPathsAreAnsweredAsUsual() throws Exception {
        HttpResponse<String> small = post("/api/echo", chunked(1024));
        assertThat(small.statusCode()).isEqualTo(200);
        assertThat(small.body()).isEqualTo("read 1024 bytes");

        HttpResponse<String> elsewhere = post("/form", HttpRequest.BodyPublishers.ofByteArray(new byte[4096]));
        assertThat(elsewhere.statusCode()).isEqualTo(200);
        assertThat(elsewhere.body()).isEqualTo("read 4096 bytes");
    }

    private static HttpRequest.BodyPublisher chunked(int size) {
        return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[size])); // no length: chunked
    }

    private HttpResponse<String> post(String path, HttpRequest.BodyPublisher body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/octet-stream")
                .POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({Echo.class, UnreadableIs400.class})
    static class AnyServiceApplication {

        @Bean
        SecurityFilterChain open(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(auth -> auth.anyRequest().permitAll()).csrf(csrf -> csrf.disable()).build();
        }
    }

    @RestController
    static class Echo {

        @PostMapping({"/api/echo", "/form"})
        String echo(@RequestBody byte[] body) {
            CALLS.incrementAndGet();
            return "read " + body.length + " bytes";
        }
    }

    /** As the services' own API advice does. */
    @RestControllerAdvice
    static class UnreadableIs400 {

        @ExceptionHandler(HttpMessageNotReadableException.class)
        ProblemDetail unreadable(HttpMessageNotReadableException e) {
            return ProblemDetail.forStatusAndDetail(org.springframework.http.HttpStatus.BAD_REQUEST, "unreadable body");
        }
    }
}
