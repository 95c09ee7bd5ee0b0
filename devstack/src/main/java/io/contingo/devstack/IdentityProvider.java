package io.contingo.devstack;

import static org.springframework.security.config.Customizer.withDefaults;

import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.oidc.web.authentication.OidcLogoutAuthenticationSuccessHandler;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * A small standard OpenID Connect provider (Spring Authorization Server) for the local platform and the tests, so
 * that one sign-in serves the four services: the demo people agent, manager and admin (password {@code demo}), each
 * with a {@code roles} claim in the ID token, and one confidential client per service. Its sign-in cookie is
 * {@value #COOKIE}, apart from every service's. Signing out of one service signs the person out of all: the
 * provider ends its own session and tells every service ({@link SignOutEverywhere}). Signing keys are made at start: a
 * restart signs everyone out.
 *
 * <p>LOCAL DEMO VALUES ONLY: the passwords and the client secrets below are public. An operator uses their own
 * identity provider (README, "Running in production").
 */
public final class IdentityProvider implements AutoCloseable {

    /** The port {@code ./platform up} runs it on. */
    public static final int PORT = 9000;
    /** The registration id every service uses: its redirect URI ends in {@code /login/oauth2/code/contingo}. */
    public static final String REGISTRATION = "contingo";
    /** The identity provider's own session cookie: browsers do not tell localhost's ports apart. */
    public static final String COOKIE = "CONTINGO_SIGN_IN";

    /** A service that signs in here: its client id, its LOCAL DEMO secret and the port it answers on. */
    public record Client(String id, String secret, int port) {

        /** Where the provider tells the service that a person signed out (OpenID Connect back-channel logout). */
        URI backChannelLogout() {
            return URI.create("http://localhost:" + port + "/logout/connect/back-channel/" + REGISTRATION);
        }

        /** The redirect and post-logout addresses of a service on {@code port}, by name and by address. */
        RegisteredClient registered() {
            RegisteredClient.Builder client = RegisteredClient.withId(UUID.randomUUID().toString())
                    .clientId(id)
                    .clientSecret("{noop}" + secret)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                    .scope(OidcScopes.OPENID)
                    .scope(OidcScopes.PROFILE)
                    .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build());
            for (String host : List.of("localhost", "127.0.0.1")) {
                client.redirectUri("http://" + host + ":" + port + "/login/oauth2/code/" + REGISTRATION)
                        .postLogoutRedirectUri("http://" + host + ":" + port + "/login?logout");
            }
            return client.build();
        }
    }

    /** The four services of the platform on their fixed ports, each with its LOCAL DEMO client secret. */
    public static final List<Client> PLATFORM = List.of(
            new Client("incident-service", "local-demo-secret-incident", 8080),
            new Client("health-service", "local-demo-secret-health", 8081),
            new Client("notification-service", "local-demo-secret-notification", 8082),
            new Client("report-service", "local-demo-secret-report", 8083));

    /** LOCAL DEMO people, as the services' demo accounts: name, then roles. Password {@code demo} for all. */
    static final Map<String, List<String>> PEOPLE = Map.of(
            "agent", List.of("AGENT"),
            "manager", List.of("MANAGER"),
            "admin", List.of("ADMIN", "MANAGER", "AGENT"));

    private final ConfigurableApplicationContext context;
    private final String issuer;

    private IdentityProvider(ConfigurableApplicationContext context, String issuer) {
        this.context = context;
        this.issuer = issuer;
    }

    /**
     * Starts it on {@code localhost:port} (loopback only), with the issuer {@code http://localhost:port}, for
     * {@code clients}.
     */
    public static IdentityProvider start(int port, List<Client> clients) {
        String issuer = "http://localhost:" + port;
        ConfigurableApplicationContext context = new SpringApplicationBuilder(Provider.class)
                .web(WebApplicationType.SERVLET)
                .bannerMode(Banner.Mode.OFF)
                .initializers(app -> {
                    app.getBeanFactory().registerSingleton("signInClients",
                            new InMemoryRegisteredClientRepository(clients.stream().map(Client::registered).toList()));
                    app.getBeanFactory().registerSingleton("signOutEverywhere", new SignOutEverywhere(clients));
                })
                .properties(Map.of(
                        "server.port", port,
                        "server.address", "127.0.0.1",
                        "server.servlet.session.cookie.name", COOKIE,
                        "spring.application.name", "contingo-identity-provider",
                        "contingo.identity-provider.issuer", issuer))
                .run();
        return new IdentityProvider(context, issuer);
    }

    /** The issuer: what a service sets as {@code contingo.security.oidc.issuer-uri}. */
    public String issuer() {
        return issuer;
    }

    @Override
    public void close() {
        context.close();
    }

    /** Only what an authorization server needs: no auto-configuration from whatever else is on the classpath. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class, TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class, SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class })
    static class Provider {

        /** The protocol endpoints; a person who is not signed in yet is sent to the sign-in form. */
        @Bean
        @Order(1)
        SecurityFilterChain protocol(HttpSecurity http, SignOutEverywhere signOutEverywhere, JWKSource<SecurityContext> signingKeys,
                @Value("${contingo.identity-provider.issuer}") String issuer) throws Exception {
            AuthenticationSuccessHandler signOut = signOutEverywhere.then(new OidcLogoutAuthenticationSuccessHandler(),
                    new NimbusJwtEncoder(signingKeys), issuer);
            OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
            return http.securityMatcher(server.getEndpointsMatcher())
                    .with(server, as -> as.oidc(oidc -> oidc.logoutEndpoint(logout -> logout.logoutResponseHandler(signOut))))
                    .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                    .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                            new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
                    // the user info endpoint takes the access token the provider issued
                    .oauth2ResourceServer(resource -> resource.jwt(withDefaults()))
                    .build();
        }

        /** Spring Security's own sign-in form (CSRF-protected) for the people. */
        @Bean
        @Order(2)
        SecurityFilterChain signInForm(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                    .formLogin(withDefaults())
                    .build();
        }

        @Bean
        UserDetailsService demoPeople() {
            return new InMemoryUserDetailsManager(PEOPLE.entrySet().stream()
                    .map(p -> User.withUsername(p.getKey()).password("{noop}demo").roles(p.getValue().toArray(String[]::new)).build())
                    .toList());
        }

        /** The ID token says who signed in ({@code preferred_username}) and with which Contingo roles ({@code roles}). */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> rolesInIdToken() {
            return context -> {
                if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                    context.getClaims()
                            .claim("preferred_username", context.getPrincipal().getName())
                            .claim("roles", context.getPrincipal().getAuthorities().stream()
                                    .map(GrantedAuthority::getAuthority)
                                    .filter(a -> a.startsWith("ROLE_"))
                                    .map(a -> a.substring("ROLE_".length()))
                                    .toList());
                }
            };
        }

        @Bean
        AuthorizationServerSettings authorizationServerSettings(
                @Value("${contingo.identity-provider.issuer}") String issuer) {
            return AuthorizationServerSettings.builder().issuer(issuer).build();
        }

        @Bean
        JWKSource<SecurityContext> signingKeys() {
            KeyPair pair = rsaKeyPair();
            RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                    .privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(UUID.randomUUID().toString())
                    .build();
            return new ImmutableJWKSet<>(new JWKSet(key));
        }

        @Bean
        JwtDecoder jwtDecoder(JWKSource<SecurityContext> signingKeys) {
            return OAuth2AuthorizationServerConfiguration.jwtDecoder(signingKeys);
        }

        private static KeyPair rsaKeyPair() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
