package io.contingo.starter.signin;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code contingo.security.oidc}: the operator's OpenID Connect provider, through which people sign in to every
 * service once. Unset {@code issuer-uri}, nothing changes: only the local accounts. {@code roles-claim} names the ID
 * token (or user info) claim that lists a person's Contingo roles (AGENT, MANAGER, ADMIN); {@code provider-name} is
 * what the sign-in page's button says ("Sign in with ...").
 */
@ConfigurationProperties("contingo.security.oidc")
public record ProviderSignInSettings(String issuerUri, String clientId, String clientSecret,
        @DefaultValue("roles") String rolesClaim,
        @DefaultValue("single sign-on") String providerName,
        @DefaultValue({ "openid", "profile" }) List<String> scopes) {
}
