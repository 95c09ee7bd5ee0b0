package io.contingo.starter.signin;

import org.springframework.context.ApplicationContext;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.csrf.CsrfFilter;

/**
 * Sign-in through the operator's OpenID Connect provider, beside a service's own sign-in page, when
 * {@code contingo.security.oidc.issuer-uri} is set ({@link ProviderSignInSettings}); without it this does nothing.
 * A service's browser chain applies it after its form login:
 *
 * <pre>
 * .formLogin(form -&gt; form.loginPage("/login").defaultSuccessUrl("/console").permitAll())
 * .with(ProviderSignIn.landingOn("/console"), withDefaults())
 * </pre>
 *
 * The sign-in page ({@code /login}) then gets the model attribute {@value #PAGE_ATTRIBUTE}, the provider's name, for
 * a "Sign in with ..." link to {@value #START}. The provider's roles claim gives the roles; signing out ends the
 * provider's session too (OpenID Connect RP-initiated logout) and comes back to {@code /login?logout}, and the
 * provider's back-channel logout to {@value BackChannelLogout#PATH} ends the person's sign-in on every other service
 * ({@link BackChannelLogout}); a person who
 * signed in with a local account signs out as before. A sign-in the provider refuses, or one with no Contingo role,
 * comes back to {@value #FAILED}.
 */
public final class ProviderSignIn extends AbstractHttpConfigurer<ProviderSignIn, HttpSecurity> {

    /** The address the sign-in page's link goes to. */
    public static final String START = "/oauth2/authorization/" + ProviderRegistration.ID;
    /** The sign-in page's model attribute: the provider's name, present only when sign-in through it is offered. */
    public static final String PAGE_ATTRIBUTE = "signInProvider";
    /** Where a sign-in through the provider that did not succeed comes back to. */
    public static final String FAILED = "/login?provider-failed";

    private final String landing;

    private ProviderSignIn(String landing) {
        this.landing = landing;
    }

    /** Offers the provider when configured; with no page asked for before, a person lands on {@code landing}. */
    public static ProviderSignIn landingOn(String landing) {
        return new ProviderSignIn(landing);
    }

    /**
     * Configures the chain as soon as it is applied ({@code with(...)}), as the service's own lines before it do:
     * later the logout's and the form login's defaults are already set.
     */
    @Override
    public void setBuilder(HttpSecurity http) {
        super.setBuilder(http);
        ApplicationContext context = http.getSharedObject(ApplicationContext.class);
        ProviderRegistration provider = context == null ? null : context.getBeanProvider(ProviderRegistration.class).getIfAvailable();
        if (provider == null) {
            return;
        }
        ProviderSignInSettings settings = context.getBean(ProviderSignInSettings.class);
        ProviderSessions sessions = context.getBean(ProviderSessions.class);
        SavedRequestAwareAuthenticationSuccessHandler toLanding = new SavedRequestAwareAuthenticationSuccessHandler();
        toLanding.setDefaultTargetUrl(landing);
        http.oauth2Login(login -> login
                .loginPage("/login")
                .clientRegistrationRepository(provider)
                .userInfoEndpoint(userInfo -> userInfo.oidcUserService(new RolesFromClaim(settings.rolesClaim())))
                .successHandler((request, response, signedIn) -> {
                    // after the session id has changed (session fixation protection): the id recorded is the one kept
                    if (signedIn.getPrincipal() instanceof OidcUser person) {
                        sessions.signedIn(person.getIdToken().getClaimAsString("sid"), person.getSubject(), request.getSession());
                    }
                    toLanding.onAuthenticationSuccess(request, response, signedIn);
                })
                .failureUrl(FAILED)
                .permitAll());
        http.addFilterBefore(new BackChannelLogout(provider, sessions, java.time.Clock.systemUTC()), CsrfFilter.class);
        OidcClientInitiatedLogoutSuccessHandler signedOut = new OidcClientInitiatedLogoutSuccessHandler(provider);
        signedOut.setPostLogoutRedirectUri("{baseUrl}/login?logout");
        signedOut.setDefaultTargetUrl("/login?logout"); // signed in with a local account: no provider session to end
        http.logout(logout -> logout.logoutSuccessHandler(signedOut));
    }
}
