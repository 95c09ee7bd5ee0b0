package io.contingo.starter.signin;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * A person signed in through the provider gets exactly the Contingo roles its roles claim lists (AGENT, MANAGER,
 * ADMIN, in any case, with or without {@code ROLE_}), as {@code ROLE_*} authorities; anything else in the claim is
 * ignored. Someone with none of them is refused: signed in with no role, they could open nothing. Their name is the
 * {@code preferred_username} claim where there is one, else the subject.
 */
final class RolesFromClaim implements OAuth2UserService<OidcUserRequest, OidcUser> {

    static final List<String> ROLES = List.of("AGENT", "MANAGER", "ADMIN");
    static final String NO_ROLE = "no_contingo_role";

    private final OidcUserService delegate = new OidcUserService();
    private final String claim;

    RolesFromClaim(String claim) {
        this.claim = claim;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
        OidcUser user = delegate.loadUser(request);
        Set<GrantedAuthority> roles = roles(user.getClaims().get(claim));
        if (roles.isEmpty()) {
            throw new OAuth2AuthenticationException(new OAuth2Error(NO_ROLE,
                    "The identity provider's claim '" + claim + "' gives " + user.getSubject() + " none of " + ROLES, null));
        }
        String name = user.getClaims().get(StandardClaimNames.PREFERRED_USERNAME) != null ? StandardClaimNames.PREFERRED_USERNAME
                : IdTokenClaimNames.SUB;
        return new DefaultOidcUser(roles, user.getIdToken(), user.getUserInfo(), name);
    }

    /** The Contingo roles a claim's value names: a list, or one string of names apart by spaces or commas. */
    static Set<GrantedAuthority> roles(Object value) {
        Collection<?> names = switch (value) {
            case null -> List.of();
            case Collection<?> list -> list;
            case String text -> Arrays.asList(text.split("[\\s,]+"));
            default -> List.of(value);
        };
        Set<String> roles = new TreeSet<>();
        for (Object name : names) {
            String role = String.valueOf(name).trim().toUpperCase(Locale.ROOT);
            role = role.startsWith("ROLE_") ? role.substring("ROLE_".length()) : role;
            if (ROLES.contains(role)) {
                roles.add(role);
            }
        }
        return Set.copyOf(roles.stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList());
    }
}
