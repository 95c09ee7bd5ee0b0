package io.contingo.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a browser does to sign in through a service's own form and stay signed in: it keeps cookies per host, not per
 * port (so the replicas of a service on one host share them, as they would behind one load balancer's address), and
 * sends each form with the CSRF token of the page it came from. Redirects are not followed, so that a test sees them.
 */
final class FormSignIn {

    private static final String HTML = "text/html,application/xhtml+xml";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /** Signs in on {@code service}'s own sign-in page; the answer must be the redirect of a successful sign-in. */
    void signIn(String service, String name, String password) throws IOException, InterruptedException {
        HttpResponse<String> answer = submit(service + "/login", service + "/login", Map.of("username", name, "password", password));
        assertThat(answer.statusCode()).as("sign-in at %s", service).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location").orElse("")).as("sign-in at %s", service).doesNotContain("error");
    }

    /**
     * Signs out with the form of {@code page} (a page that shows the "Sign out" button); the answer must lead to the
     * sign-in page with its notice that the person has signed out.
     */
    HttpResponse<String> signOut(String service, String page) throws IOException, InterruptedException {
        HttpResponse<String> answer = submit(service + page, service + "/logout", Map.of());
        assertThat(answer.headers().firstValue("Location").orElse("")).as("sign-out at %s", service).endsWith("/login?logout");
        HttpResponse<String> notice = get(service + "/login?logout");
        assertThat(notice.statusCode()).as("GET %s/login?logout", service).isEqualTo(200);
        assertThat(notice.body()).as("GET %s/login?logout", service).contains("You have signed out.");
        return answer;
    }

    HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).header("Accept", HTML).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public String toString() {
        return "cookies " + cookies.getCookieStore().getCookies();
    }

    /** The value of the cookie called {@code name}, or null. */
    String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).map(c -> c.getValue())
                .findFirst().orElse(null);
    }

    private HttpResponse<String> submit(String page, String action, Map<String, String> fields) throws IOException, InterruptedException {
        HttpResponse<String> form = get(page);
        assertThat(form.statusCode()).as("GET %s", page).isEqualTo(200);
        Matcher csrf = CSRF.matcher(form.body());
        assertThat(csrf.find()).as("a CSRF token on %s", page).isTrue();
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", csrf.group(1));
        String body = all.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(action)).timeout(Duration.ofSeconds(10)).header("Accept", HTML)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
