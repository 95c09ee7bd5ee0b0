package io.contingo.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls a running health-service's API over loopback, as an admin with HTTP Basic or anonymously. */
final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String credentials;

    private ApiClient(String base, String credentials) {
        this.base = base;
        this.credentials = credentials;
    }

    /** Calls the service as the given user ({@code admin:demo}), or anonymously when null. */
    static ApiClient of(ConfigurableApplicationContext app, String credentials) {
        return new ApiClient("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port"), credentials);
    }

    HttpResponse<String> get(String path) throws Exception {
        return send(request(path).GET());
    }

    /** A page, as a browser asks for it. */
    HttpResponse<String> page(String path) throws Exception {
        return http.send(request(path).setHeader("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

        HttpResponse<String> post(String path, String jsonBody) throws Exception {
        return send(request(path).POST(body(jsonBody)));
    }

    HttpResponse<String> put(String path, String jsonBody) throws Exception {
        return send(request(path).PUT(body(jsonBody)));
    }

    HttpResponse<String> delete(String path) throws Exception {
        return send(request(path).DELETE());
    }

    static JsonNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json");
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }

    private static HttpRequest.BodyPublisher body(String jsonBody) {
        return jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }
}
