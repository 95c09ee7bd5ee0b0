package io.contingo.starter.signin;

import java.io.IOException;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
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
 * ({@code sub}); anything else gets 400 and ends nothing. The request carries no cookie and no CSRF token: the
 * signed token is its proof.
 */
final class BackChannelLogout extends OncePerRequestFilter {

    static final String PATH = "/logout/connect/back-channel/" + ProviderRegistration.ID;
    static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";
    private static final Logger log = LoggerFactory.getLogger(BackChannelLogout.class);

    private final ProviderRegistration provider;
    private final ProviderSessions sessions;
    private volatile JwtDecoder decoder;

    BackChannelLogout(ProviderRegistration provider, ProviderSessions sessions) {
        this.provider = provider;
        this.sessions = sessions;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !HttpMethod.POST.matches(request.getMethod()) || !PATH.equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Cache-Control", "no-store");
        String token = request.getParameter("logout_token");
        if (token == null || token.isBlank()) {
            refuse(response, "The request has no logout_token parameter.");
            return;
        }
        Jwt logout;
        try {
            logout = decoder().decode(token);
        } catch (JwtException | IllegalArgumentException e) {
            refuse(response, "The logout token is not valid: " + e.getMessage());
            return;
        }
        int ended = sessions.end(logout.getClaimAsString("sid"), logout.getSubject());
        log.info("The identity provider signed {} out: {} session(s) ended here", logout.getSubject(), ended);
        response.setStatus(HttpServletResponse.SC_OK);
    }

    private static void refuse(HttpServletResponse response, String why) throws IOException {
        log.warn("Back-channel logout refused: {}", why);
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getWriter().write("{\"error\":\"invalid_request\",\"error_description\":\"" + why.replace("\\", "\\\\")
                .replace("\"", "'").replaceAll("\\p{Cntrl}", " ") + "\"}");
    }

    /** Built on the first logout, from the provider's discovery document (its keys and issuer). */
    private JwtDecoder decoder() {
        JwtDecoder built = decoder;
        if (built == null) {
            ClientRegistration registration = provider.findByRegistrationId(ProviderRegistration.ID);
            NimbusJwtDecoder nimbus = NimbusJwtDecoder.withJwkSetUri(registration.getProviderDetails().getJwkSetUri())
                    .validateType(false) // the type is checked below: logout tokens are "logout+jwt"
                    .build();
            String clientId = registration.getClientId();
            JwtTypeValidator typed = new JwtTypeValidator("logout+jwt", "JWT"); // the spec's type, or a plain JWT
            typed.setAllowEmpty(true);
            nimbus.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
                    new JwtIssuerValidator(registration.getProviderDetails().getIssuerUri()), typed,
                    jwt -> logoutToken(jwt, clientId)));
            decoder = built = nimbus;
        }
        return built;
    }

    /** What OpenID Connect Back-Channel Logout 1.0 asks of a logout token, beyond its signature, issuer and times. */
    static OAuth2TokenValidatorResult logoutToken(Jwt jwt, String clientId) {
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
        if (jwt.getClaimAsString("sid") == null && jwt.getSubject() == null) {
            return invalid("it names neither a session (sid) nor a person (sub)");
        }
        return OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult invalid(String why) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The logout token is refused: " + why, null));
    }
}
