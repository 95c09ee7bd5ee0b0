package io.contingo.starter.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.config.Customizer.withDefaults;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;

import io.contingo.devstack.FreePorts;
import io.contingo.devstack.IdentityProvider;
import io.contingo.devstack.PageVisitor;

/**
 * Two services signing in through the devstack's identity provider, as a browser would: one cookie jar for all of
 * localhost (browsers do not tell ports apart), redirects followed one by one. The agent signs in once, with the
 * provider's password form, gets AGENT and not MANAGER, and the second service needs no password; signing out of one
 * ends the provider's session, so the next sign-in asks for the password again, and the sign-in on the other service
 * (told by the provider's back-channel logout). A logout token the provider did not sign ends nothing. The local
 * accounts keep working.
 */
class ProviderSignInIntegrationTests {

    private static IdentityProvider provider;
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;
    private static String firstBase;
    private static String secondBase;

    @BeforeAll
    static void start() {
        int firstPort = FreePorts.next();
        int secondPort = FreePorts.next();
        provider = IdentityProvider.start(FreePorts.next(), List.of(
                new IdentityProvider.Client("first-service", "first-secret", firstPort),
                new IdentityProvider.Client("second-service", "second-secret", secondPort)));
        first = service(firstPort, "first");
        second = service(secondPort, "second");
        firstBase = "http://localhost:" + firstPort;
        secondBase = "http://localhost:" + secondPort;
    }

    private static ConfigurableApplicationContext service(int port, String name) {
        return new SpringApplicationBuilder(SignInService.class).run("--server.port=" + port, "--server.address=127.0.0.1",
                "--spring.main.banner-mode=off", "--contingo.security.demo=true",
                // each service's session cookie has a name of its own, as on the platform
                "--server.servlet.session.cookie.name=SERVICE_" + name.toUpperCase(),
                "--contingo.security.oidc.issuer-uri=" + provider.issuer(),
                "--contingo.security.oidc.client-id=" + name + "-service",
                "--contingo.security.oidc.client-secret=" + name + "-secret",
                "--contingo.security.oidc.provider-name=Test Provider",
                "--spring.autoconfigure.exclude=org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration,"
                        + "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration,"
                        + "org.springframework.boot.data.mongodb.autoconfigure.DataMongoRepositoriesAutoConfiguration");
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable each : new AutoCloseable[] { second, first, provider }) {
            try {
                if (each != null) {
                    each.close();
                }
            } catch (Exception ignored) {
                // stopping anyway
            }
        }
    }

    @Test
    void oneSignInThroughTheProviderServesBothServicesAndSigningOutEndsIt() {
        Browser browser = new Browser();

        // the service's own sign-in page offers the provider beside the local accounts' form
        List<Page> toSignIn = browser.open(firstBase + "/agent");
        Page signInPage = toSignIn.getLast();
        assertThat(signInPage.url()).isEqualTo(firstBase + "/login");
        assertThat(signInPage.body()).contains("name=\"password\"").contains("href=\"/oauth2/authorization/contingo\"")
                .contains("Sign in with Test Provider");

        // the link leads to the provider's password form, and back to the page first asked for
        Page providerForm = browser.open(firstBase + ProviderSignIn.START).getLast();
        assertThat(providerForm.url()).startsWith(provider.issuer() + "/login");
        List<Page> signedIn = browser.submit(providerForm, Map.of("username", "agent", "password", "demo"));
        assertThat(signedIn.getLast().url()).startsWith(firstBase + "/agent");
        assertThat(signedIn.getLast().status()).isEqualTo(200);
        assertThat(signedIn.getLast().body()).isEqualTo("agent [ROLE_AGENT]");
        assertThat(browser.open(firstBase + "/manager").getLast().status()).isEqualTo(403);

        // the second service: through the provider again, and no password asked
        List<Page> toSecond = browser.open(secondBase + ProviderSignIn.START);
        assertThat(toSecond).noneMatch(page -> page.url().startsWith(provider.issuer() + "/login"));
        assertThat(toSecond.getLast().url()).startsWith(secondBase + "/agent");
        assertThat(toSecond.getLast().body()).isEqualTo("agent [ROLE_AGENT]");

        // signing out of the first ends the provider's session and comes back to the first service
        String token = PageVisitor.csrfToken(browser.open(firstBase + "/login").getLast().body());
        List<Page> signedOut = browser.post(firstBase + "/logout", Map.of("_csrf", token));
        assertThat(signedOut).anyMatch(page -> page.url().startsWith(provider.issuer() + "/connect/logout"));
        assertThat(signedOut.getLast().url()).isEqualTo(firstBase + "/login?logout");
        assertThat(signedOut.getLast().status()).as("the signed-out notice, not a redirect to /login").isEqualTo(200);
        assertThat(browser.open(firstBase + "/agent").getLast().url()).isEqualTo(firstBase + "/login");

        // and the second service was told by the provider (back-channel logout): signed out there too, cookie and all
        assertThat(browser.open(secondBase + "/agent").getLast().url()).isEqualTo(secondBase + "/login");

        // so the next sign-in through the provider asks for the password again
        assertThat(browser.open(firstBase + ProviderSignIn.START).getLast().url()).startsWith(provider.issuer() + "/login");
    }

    @Test
    void aLogoutTokenThatTheProviderDidNotSignEndsNothing() throws Exception {
        Browser browser = new Browser();
        Page providerForm = browser.open(secondBase + ProviderSignIn.START).getLast();
        browser.submit(providerForm, Map.of("username", "manager", "password", "demo"));
        assertThat(browser.open(secondBase + "/manager").getLast().body()).isEqualTo("manager [ROLE_MANAGER]");

        HttpClient http = HttpClient.newHttpClient();
        for (String token : List.of("", "not-a-jwt", forgedLogoutToken("second-service"))) {
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(secondBase + BackChannelLogout.PATH))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("logout_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(token).isEqualTo(400);
            assertThat(refused.body()).contains("invalid_request");
        }
        assertThat(browser.open(secondBase + "/manager").getLast().body()).as("still signed in").isEqualTo("manager [ROLE_MANAGER]");
    }

    /** A well-formed logout token for every session of "manager", signed with a key that is not the provider's. */
    private static String forgedLogoutToken(String audience) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                .keyID("forged").build();
        Instant now = Instant.now();
        return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key))).encode(JwtEncoderParameters.from(
                JwsHeader.with(SignatureAlgorithm.RS256).build(),
                JwtClaimsSet.builder().issuer(provider.issuer()).audience(List.of(audience)).issuedAt(now)
                        .expiresAt(now.plusSeconds(60)).id("forged-1").subject("manager")
                        .claim("events", Map.of(BackChannelLogout.EVENT, Map.of())).build())).getTokenValue();
    }

    @Test
    void theLocalAccountsStillSignInOnTheServicesOwnForm() {
        Browser browser = new Browser();
        Page form = browser.open(secondBase + "/login").getLast();
        List<Page> signedIn = browser.submit(form, Map.of("username", "manager", "password", "demo"));
        assertThat(signedIn.getLast().url()).startsWith(secondBase + "/agent");
        assertThat(browser.open(secondBase + "/manager").getLast().body()).isEqualTo("manager [ROLE_MANAGER]");

        // signing out of a local account does not go to the provider
        String token = PageVisitor.csrfToken(browser.open(secondBase + "/login").getLast().body());
        List<Page> signedOut = browser.post(secondBase + "/logout", Map.of("_csrf", token));
        assertThat(signedOut).noneMatch(page -> page.url().startsWith(provider.issuer()));
        assertThat(signedOut.getLast().url()).startsWith(secondBase + "/login");
    }

    /** A service as the four configure theirs: a form login, then the provider. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @RestController
    static class SignInService {

        @Bean
        SecurityFilterChain pages(HttpSecurity http) {
            return http
                    .authorizeHttpRequests(auth -> auth
                            .requestMatchers("/login").permitAll() // with any query, as the services open it
                            .requestMatchers("/manager").hasRole("MANAGER")
                            .anyRequest().authenticated())
                    .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/agent").permitAll())
                    .with(ProviderSignIn.landingOn("/agent"), withDefaults())
                    .build();
        }

        @GetMapping({ "/agent", "/manager" })
        String whoAmI(Authentication signedIn) {
            return signedIn.getName() + " " + signedIn.getAuthorities().stream().map(Object::toString).filter(a -> a.startsWith("ROLE_")).sorted().toList();
        }
    }

    record Page(String url, int status, String body) {
    }

    /** One cookie jar for localhost, whatever the port, as browsers keep it; follows redirects and records each page. */
    static final class Browser {

        private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        private final Map<String, String> cookies = new LinkedHashMap<>();

        List<Page> open(String url) {
            return follow(HttpRequest.newBuilder(URI.create(url)).GET(), url);
        }

        List<Page> post(String url, Map<String, String> form) {
            String body = form.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return follow(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)), url);
        }

        /** Posts a sign-in form page back where it came from, with its CSRF token and these fields. */
        List<Page> submit(Page form, Map<String, String> fields) {
            Map<String, String> all = new LinkedHashMap<>(fields);
            all.put("_csrf", PageVisitor.csrfToken(form.body()));
            URI page = URI.create(form.url());
            return post(page.getScheme() + "://" + page.getAuthority() + "/login", all);
        }

        private List<Page> follow(HttpRequest.Builder request, String url) {
            List<Page> pages = new ArrayList<>();
            for (int hop = 0; hop < 15; hop++) {
                HttpResponse<String> response = send(request.header("Accept", "text/html").build());
                pages.add(new Page(url, response.statusCode(), response.body()));
                String location = response.headers().firstValue("Location").orElse(null);
                if (response.statusCode() / 100 != 3 || location == null) {
                    return pages;
                }
                url = URI.create(url).resolve(location).toString();
                request = HttpRequest.newBuilder(URI.create(url)).GET();
            }
            throw new AssertionError("More than 15 redirects: " + pages);
        }

        private HttpResponse<String> send(HttpRequest request) {
            HttpRequest.Builder withCookies = HttpRequest.newBuilder(request, (name, value) -> true);
            if (!cookies.isEmpty()) {
                withCookies.header("Cookie", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                        .collect(Collectors.joining("; ")));
            }
            try {
                HttpResponse<String> response = http.send(withCookies.build(), HttpResponse.BodyHandlers.ofString());
                for (String set : response.headers().allValues("Set-Cookie")) {
                    String pair = set.split(";", 2)[0];
                    String name = pair.substring(0, pair.indexOf('=')).trim();
                    String value = pair.substring(pair.indexOf('=') + 1).trim();
                    if (value.isEmpty() || set.toLowerCase().contains("max-age=0")) {
                        cookies.remove(name);
                    } else {
                        cookies.put(name, value);
                    }
                }
                return response;
            } catch (IOException e) {
                throw new AssertionError("No answer from " + request.uri(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
