package io.contingo.devstack;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * OpenID Connect back-channel logout, sent by the identity provider: when a person signs out of one service (the
 * provider's end-session endpoint), every service gets a signed logout token naming the provider's session
 * ({@code sid}) and the person ({@code sub}) and ends that person's sign-in there too. The services are told in
 * parallel, within {@value #WAIT_SECONDS} s in all, before the browser is sent back; one that does not answer is logged
 * and does not hold the sign-out up.
 */
final class SignOutEverywhere {

    static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";
    private static final long WAIT_SECONDS = 5;
    private static final Logger log = LoggerFactory.getLogger(SignOutEverywhere.class);

    private final List<IdentityProvider.Client> clients;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    SignOutEverywhere(List<IdentityProvider.Client> clients) {
        this.clients = List.copyOf(clients);
    }

    /** Tells every service, then lets {@code next} end the provider's own session and answer the browser. */
    AuthenticationSuccessHandler then(AuthenticationSuccessHandler next, JwtEncoder tokens, String issuer) {
        return (request, response, authentication) -> {
            // only for a person signed in here: an ID token alone (anyone may hold an old one) ends nothing elsewhere
            if (authentication instanceof OidcLogoutAuthenticationToken logout && logout.getIdToken() != null
                    && logout.isPrincipalAuthenticated()) {
                tell(logout.getIdToken(), tokens, issuer);
            }
            next.onAuthenticationSuccess(request, response, authentication);
        };
    }

    private void tell(OidcIdToken signedIn, JwtEncoder tokens, String issuer) {
        Instant now = Instant.now();
        CompletableFuture<?>[] calls = clients.stream().map(client -> {
            JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                    .issuer(issuer)
                    .audience(List.of(client.id()))
                    .issuedAt(now)
                    .expiresAt(now.plus(Duration.ofMinutes(2)))
                    .id(UUID.randomUUID().toString())
                    .subject(signedIn.getSubject())
                    .claim("events", Map.of(EVENT, Map.of()));
            String session = signedIn.getClaimAsString("sid");
            if (session != null) {
                claims.claim("sid", session);
            }
            String token = tokens.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).type("logout+jwt").build(),
                    claims.build())).getTokenValue();
            HttpRequest call = HttpRequest.newBuilder(client.backChannelLogout())
                    .timeout(Duration.ofSeconds(WAIT_SECONDS))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("logout_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                    .build();
            return http.sendAsync(call, HttpResponse.BodyHandlers.ofString()).handle((answer, failed) -> {
                if (failed != null) {
                    log.info("{} was not told of the sign-out of {}: {}", client.id(), signedIn.getSubject(), failed.toString());
                } else if (answer.statusCode() != 200) {
                    log.warn("{} refused the sign-out of {}: {} {}", client.id(), signedIn.getSubject(), answer.statusCode(), answer.body());
                }
                return null;
            });
        }).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(calls).get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.info("Not every service answered the sign-out of {} within {} s", signedIn.getSubject(), WAIT_SECONDS);
        }
    }
}
