package io.contingo.incident.security;

import static org.springframework.security.config.Customizer.withDefaults;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import io.contingo.starter.signin.ProviderSignIn;

/**
 * Who may do what. Public: the status page, its incident and history pages, the Statuspage API, the feed and
 * health. The console needs an agent, manager or administrator, who signs in on {@code /login} (CSRF-protected)
 * and lands on the console.
 * The incident and maintenance APIs ({@code /api/incidents}, {@code /api/maintenances}) take HTTP Basic, statelessly, so it needs no CSRF token; its
 * OpenAPI document is public. Metrics and everything else are for administrators.
 * Only the Statuspage API answers cross-origin reads ({@link #statuspageCors()}), as Statuspage does, so that an
 * embed on a customer's own site can read it; no other address sends CORS headers.
 */
@Configuration
public class SecurityConfig {

    static final String[] STAFF = { "AGENT", "MANAGER", "ADMIN" };

    @Bean
    @Order(1)
    SecurityFilterChain incidentApi(HttpSecurity http) throws Exception {
        return http
                .securityMatcher("/api/incidents", "/api/incidents/**", "/api/maintenances", "/api/maintenances/**", "/api/drp/**")
                .authorizeHttpRequests(auth -> auth
                        // disaster recovery: managers decide and drill, administrators edit runbooks and roles
                        .requestMatchers(HttpMethod.POST, "/api/drp/runs/*/approve", "/api/drp/runs/*/refuse", "/api/drp/drills").hasRole("MANAGER")
                        .requestMatchers(HttpMethod.PUT, "/api/drp/runbooks/**", "/api/drp/pairs/*/roles").hasRole("ADMIN")
                        .anyRequest().hasAnyRole(STAFF))
                .httpBasic(withDefaults())
                .csrf(csrf -> csrf.disable()) // no cookies, no session: a forged cross-site request carries no credentials
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/", "/incidents/**", "/history", "/history/**", "/api/v2/**", "/history.atom", "/history.rss",
                                "/css/**", "/favicon.svg", "/webjars/**", "/actuator/health", "/actuator/health/**", "/error", "/login",
                                "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/console/drp/runs/*/approve", "/console/drp/runs/*/refuse", "/console/drp/drills").hasRole("MANAGER")
                        .requestMatchers(HttpMethod.POST, "/console/drp/pairs/*/roles").hasRole("ADMIN")
                        .requestMatchers("/console/**").hasAnyRole(STAFF)
                        .anyRequest().hasRole("ADMIN"))
                // the console's own sign-in page (CSRF-protected); with no page asked for before, on to the console
                // "/login" is open above with any query ("/login?logout" after a sign-out, through the provider too): the form
                // login's own permit is for "/login" exactly
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/console").permitAll())
                .with(ProviderSignIn.landingOn("/console"), withDefaults()) // and the identity provider, when configured
                .httpBasic(withDefaults())
                .cors(cors -> cors.configurationSource(statuspageCors()))
                .build();
    }

    /**
     * CORS as Statuspage answers it, for {@code /api/v2/**} only: any origin may read (no credentials: the API is
     * public), with GET and HEAD, and a preflight is answered for them (a client that sends If-None-Match
     * needs one) and may be cached for an hour. The ETag is exposed so that a script can revalidate.
     */
    static UrlBasedCorsConfigurationSource statuspageCors() {
        CorsConfiguration statuspage = new CorsConfiguration();
        statuspage.addAllowedOrigin("*");
        statuspage.addAllowedMethod(HttpMethod.GET);
        statuspage.addAllowedMethod(HttpMethod.HEAD);
        statuspage.addAllowedHeader("*");
        statuspage.addExposedHeader("ETag");
        statuspage.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/v2/**", statuspage);
        return source;
    }
}
