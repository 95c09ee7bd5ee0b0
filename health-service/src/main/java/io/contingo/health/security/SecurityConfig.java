package io.contingo.health.security;

import static org.springframework.security.config.Customizer.withDefaults;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

import io.contingo.starter.signin.ProviderSignIn;

/**
 * Health, the start page, the push endpoints and the OpenAPI document are open. The monitor API ({@code /api/monitors}) takes
 * HTTP Basic for ADMIN, statelessly, so it needs no CSRF token; the admin pages ({@code /monitors}) take a
 * signed-in ADMIN, who signs in on the service's own page (CSRF-protected). Metrics and the rest need a login. Accounts come from the
 * accounts module.
 */
@Configuration
class SecurityConfig {

    @Bean
    @Order(1)
    SecurityFilterChain monitorApi(HttpSecurity http) throws Exception {
        return http
                .securityMatcher("/api/monitors", "/api/monitors/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().hasRole("ADMIN"))
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
                        .requestMatchers("/", "/actuator/health", "/actuator/health/**", "/error", "/login", "/css/**",
                                "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/push/*", "/api/push/*/metrics").permitAll()
                        .requestMatchers("/monitors", "/monitors/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                // Jobs post with their push URL's token, never with a session: nothing for CSRF to protect.
                .csrf(csrf -> csrf.ignoringRequestMatchers("/api/push/**"))
                // the service's own sign-in page (CSRF-protected); with no page asked for before, on to the monitors
                // "/login" is open above with any query ("/login?logout" after a sign-out, through the provider too): the form
                // login's own permit is for "/login" exactly
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/monitors").permitAll())
                .with(ProviderSignIn.landingOn("/monitors"), withDefaults()) // and the identity provider, when configured
                .httpBasic(withDefaults())
                .build();
    }
}
