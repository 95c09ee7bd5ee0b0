package io.contingo.devstack;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * For tests of a service's pages over real HTTP: asks as a browser does ({@code Accept: text/html}, a language,
 * a session cookie kept between requests, redirects not followed) or as an API client does
 * ({@code Accept: application/json}, HTTP Basic), and signs in through the service's own sign-in form with the
 * CSRF token that form carries.
 */
public final class PageVisitor {

    /** What came back. */
    public record Page(int status, String location, String contentType, String body) {
    }

    /**
     * What a service's OpenAPI document ({@code /v3/api-docs}) says of itself: its title, version, description,
     * the scheme of its {@code basicAuth} security scheme (null when it has none), and for each operation
     * ({@code "GET /api/x"}) whether it takes that scheme.
     */
    public record ApiDocument(String title, String version, String description, String basicScheme,
            Map<String, Boolean> basicByOperation) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** A visitor of the service at {@code baseUrl} (e.g. {@code http://127.0.0.1:8083}), with no session yet. */
    public PageVisitor(String baseUrl) {
        this.base = baseUrl;
    }

    /** {@code GET path} as a browser reading English. */
    public Page browse(String path) {
        return browse(path, "en");
    }

    /** {@code GET path} as a browser reading the given language ({@code Accept-Language}). */
    public Page browse(String path, String language) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .header("Accept-Language", language));
    }

    /** {@code GET path} as an API client: JSON, with HTTP Basic for {@code user} (no credentials when null). */
    public Page api(String path, String user, String password) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json");
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return send(request);
    }

    /** Reads the service's OpenAPI document, without an account. */
    public ApiDocument apiDocument() {
        Page page = api("/v3/api-docs", null, null);
        if (page.status() != 200) {
            throw new IllegalStateException("No OpenAPI document at " + base + "/v3/api-docs: HTTP " + page.status());
        }
        JsonNode document = JSON.readTree(page.body());
        Map<String, Boolean> operations = new TreeMap<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation ->
                operations.put(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
                        operation.getValue().at("/security/0/basicAuth").isArray())));
        return new ApiDocument(text(document.at("/info/title")), text(document.at("/info/version")),
                text(document.at("/info/description")), text(document.at("/components/securitySchemes/basicAuth/scheme")),
                operations);
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asString();
    }

    /** Opens {@code /login}, posts its form with the CSRF token it carries, and returns the answer to the post. */
    public Page signIn(String user, String password) {
        String token = csrfToken(browse("/login").body());
        String form = "username=" + encode(user) + "&password=" + encode(password) + "&_csrf=" + encode(token);
        return send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Accept", "text/html").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** The value of the {@code _csrf} field of a page's form; fails when the page has none. */
    public static String csrfToken(String html) {
        Matcher matcher = CSRF.matcher(html);
        if (!matcher.find()) {
            throw new IllegalStateException("The page has no _csrf field: " + html.substring(0, Math.min(html.length(), 300)));
        }
        return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
    }

    /**
     * When the system property {@code contingo.screenshots} names a folder, saves the page there as
     * {@code name.html} (with a base address, so that its style sheet loads from the service) and has headless
     * Chromium take {@code name-1280.png} and {@code name-390.png} of it, for people to look at; otherwise does
     * nothing. Returns the page.
     */
    public Page keep(String name, Page page) {
        String folder = System.getProperty("contingo.screenshots");
        if (folder == null || folder.isBlank()) {
            return page;
        }
        try {
            Path dir = Files.createDirectories(Path.of(folder));
            Path html = dir.resolve(name + ".html");
            Files.writeString(html, page.body().replaceFirst("<head>", "<head><base href=\"" + base + "/\">"));
            for (int width : new int[] { 1280, 390 }) {
                Path profile = Files.createTempDirectory("chromium");
                Process chromium = new ProcessBuilder("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--hide-scrollbars", "--user-data-dir=" + profile,
                        "--screenshot=" + dir.resolve(name + "-" + width + ".png"), "--window-size=" + width + ",900",
                        html.toUri().toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                chromium.waitFor(60, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not keep " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return page;
    }

    /** The path of a redirect's {@code Location}, without scheme, host and port. */
    public static String path(String location) {
        return location == null ? null : URI.create(location).getRawPath();
    }

    private Page send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Page(response.statusCode(), response.headers().firstValue("Location").orElse(null),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("No answer from " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
