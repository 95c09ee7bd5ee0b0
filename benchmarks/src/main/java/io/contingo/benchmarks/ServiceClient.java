package io.contingo.benchmarks;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmarks' ways into incident-service: its API with HTTP Basic (the demo accounts, password demo), and its
 * console as a browser uses it, signed in once and sending CSRF-protected forms in that session.
 */
final class ServiceClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    private final String baseUrl;
    private final JsonMapper json;
    private final Duration wait;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final HttpClient console = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private String consoleCsrf;

    ServiceClient(String baseUrl, JsonMapper json, Duration wait) {
        this.baseUrl = baseUrl;
        this.json = json;
        this.wait = wait;
    }

    /** An API call as {@code user}, with {@code body} as JSON (or none). */
    HttpResponse<String> call(String method, String path, Object body, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(wait).header("Accept", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode body(String method, String path, String user) throws Exception {
        return json.readTree(call(method, path, null, user).body());
    }

    /** Signs {@code user} in on the console's sign-in page, and keeps the CSRF token its forms carry. */
    void signInToConsole(String user) throws Exception {
        String token = csrf(page("/login"));
        HttpResponse<String> signedIn = console.send(HttpRequest.newBuilder(URI.create(baseUrl + "/login")).timeout(wait)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=demo&_csrf=" + token)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (signedIn.statusCode() != 302 || signedIn.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException(user + " could not sign in on the console: HTTP " + signedIn.statusCode());
        }
        consoleCsrf = csrf(page("/console/drp"));
    }

    /** A console form sent in the signed-in session (its answer is a redirect, not followed). */
    HttpResponse<String> consoleForm(String path, String fields) throws Exception {
        return console.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(wait)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(fields + "&_csrf=" + URLEncoder.encode(consoleCsrf, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private String page(String path) throws Exception {
        return console.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(wait).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String csrf(String html) {
        Matcher token = CSRF.matcher(html);
        if (!token.find()) {
            throw new IllegalStateException("No CSRF token on the page");
        }
        return token.group(1);
    }
}
