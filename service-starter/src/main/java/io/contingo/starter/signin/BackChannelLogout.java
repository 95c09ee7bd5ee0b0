package io.contingo.starter.signin;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * OpenID Connect back-channel logout: the identity provider posts a logout token to {@value #PATH} when a person
 * signs out of any service, and this service ends that person's sign-in here too ({@link ProviderSessions}). The
 * token must be signed with the provider's keys, come from its issuer, name this service's client id as audience,
 * carry the back-channel logout event and no nonce, and name a provider session ({@code sid}) or a person
 * ({@code sub}), with an expiry and issued within the last minutes; anything else gets 400 and ends nothing, and a
 * provider whose keys cannot be read gets 503, so that it may try again. The request carries no cookie and no CSRF token: the
 * signed token is its proof.
 */
final class BackChannelLogout extends OncePerRequestFilter {

    static final String PATH = "/logout/connect/back-channel/" + ProviderRegistration.ID;
    static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";
    private static final Logger log = LoggerFactory.getLogger(BackChannelLogout.class);

    /** How old a logout token may be: the provider sends it as the person signs out. */
    static final Duration FRESH = Duration.ofMinutes(5);
    private static final Duration SKEW = Duration.ofSeconds(60);

    private final ProviderRegistration provider;
    private final ProviderSessions sessions;
    private final Clock clock;
    private volatile JwtDecoder decoder;

    BackChannelLogout(ProviderRegistration provider, ProviderSessions sessions, Clock clock) {
        this.provider = provider;
        this.sessions = sessions;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !HttpMethod.POST.matches(request.getMethod()) || !PATH.equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Cache-Control", "no-store");
        if (request.getQueryString() != null && request.getQueryString().contains("logout_token")) {
            refuse(response, "The logout token goes in the form body, not in the address.", "a logout token in the query string");
            return;
        }
        String token = request.getParameter("logout_token");
        if (token == null || token.isBlank()) {
            refuse(response, "The request has no logout_token parameter.", "no logout_token");
            return;
        }
        Jwt logout;
        try {
            logout = decoder().decode(token);
        } catch (BadJwtException e) {
            refuse(response, "The logout token is not valid.", e.getMessage());
            return;
        } catch (RuntimeException e) {
            // the provider's discovery document or keys could not be read: a 5xx, so that the provider may try again
            log.error("Back-channel logout not done: the identity provider's keys could not be read ({})", clean(e.toString()));
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getWriter().write("{\"error\":\"temporarily_unavailable\",\"error_description\":"
                    + "\"The identity provider's keys could not be read; try again.\"}");
            return;
        }
        int ended = sessions.end(logout.getClaimAsString("sid"), logout.getSubject());
        log.info("The identity provider signed {} out: {} session(s) ended here", clean(logout.getSubject()), ended);
        response.setStatus(HttpServletResponse.SC_OK);
    }

    /** 400 with a fixed description (no internals, no echo of the request); the cause goes to the log. */
    private static void refuse(HttpServletResponse response, String description, String cause) throws IOException {
        log.warn("Back-channel logout refused: {}", clean(cause));
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getWriter().write("{\"error\":\"invalid_request\",\"error_description\":\"" + description + "\"}");
    }

    /** What a caller sent, fit for one log line. */
    private static String clean(String text) {
        String line = text == null ? "" : text.replaceAll("\\p{Cntrl}", " ");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    /** Built on the first logout, from the provider's discovery document (its keys and issuer). */
    private JwtDecoder decoder() {
        JwtDecoder built = decoder;
        if (built == null) {
            ClientRegistration registration = provider.findByRegistrationId(ProviderRegistration.ID);
            NimbusJwtDecoder nimbus = NimbusJwtDecoder.withJwkSetUri(registration.getProviderDetails().getJwkSetUri())
                    .discoverJwsAlgorithms() // RS256, ES256, PS256...: as the provider's keys say
                    .validateType(false) // the type is checked below: logout tokens are "logout+jwt"
                    .build();
            nimbus.setJwtValidator(validator(registration.getProviderDetails().getIssuerUri(), registration.getClientId(), clock));
            decoder = built = nimbus;
        }
        return built;
    }

    /** Every check of a logout token after its signature: times, issuer, type and {@link #logoutToken}. */
    static OAuth2TokenValidator<Jwt> validator(String issuer, String clientId, Clock clock) {
        JwtTypeValidator typed = new JwtTypeValidator("logout+jwt", "JWT"); // the spec's type, or a plain JWT
        typed.setAllowEmpty(true);
        JwtTimestampValidator times = new JwtTimestampValidator(SKEW);
        times.setClock(clock);
        times.setAllowEmptyExpiryClaim(false); // the spec requires exp: a token without one could be replayed for ever
        return new DelegatingOAuth2TokenValidator<>(times, new JwtIssuerValidator(issuer), typed,
                jwt -> logoutToken(jwt, clientId, clock.instant()));
    }

    /**
     * What OpenID Connect Back-Channel Logout 1.0 asks of a logout token, beyond its signature, issuer and expiry; and
     * an {@code iat} no older than {@link #FRESH} (nor later than the clock skew allows), so that a token captured
     * once cannot be replayed later.
     */
    static OAuth2TokenValidatorResult logoutToken(Jwt jwt, String clientId, Instant now) {
        if (jwt.getAudience() == null || !jwt.getAudience().contains(clientId)) {
            return invalid("it is not addressed to this service (" + clientId + ")");
        }
        Object events = jwt.getClaims().get("events");
        if (!(events instanceof Map<?, ?> map) || !map.containsKey(EVENT)) {
            return invalid("it has no back-channel logout event");
        }
        if (jwt.hasClaim("nonce")) {
            return invalid("it has a nonce");
        }
        if (jwt.getIssuedAt() == null) {
            return invalid("it has no iat");
        }
        if (jwt.getIssuedAt().isBefore(now.minus(FRESH)) || jwt.getIssuedAt().isAfter(now.plus(SKEW))) {
            return invalid("it was issued at " + jwt.getIssuedAt() + ", not within " + FRESH.toMinutes() + " minutes of now");
        }
        if (jwt.getClaimAsString("sid") == null && jwt.getSubject() == null) {
            return invalid("it names neither a session (sid) nor a person (sub)");
        }
        return OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult invalid(String why) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The logout token is refused: " + why, null));
    }
}
