package io.contingo.notification.security;

import static org.springframework.security.config.Customizer.withDefaults;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import io.contingo.starter.signin.ProviderSignIn;

/**
 * Health, the start page, the OpenAPI document and the customers' subscription pages are open; the subscriber list
 * and the delivery log are for administrators; everything else needs a login: the service's sign-in page for
 * people, HTTP Basic for API clients. Every form carries a CSRF token except the POST to {@code /unsubscribe}: a mail
 * client's RFC 8058 one-click POST cannot carry one, and the link's signed token is what authorises it.
 */
@Configuration
class SecurityConfig {

    /** The API: HTTP Basic on each request, no session, so no CSRF token (a forged cross-site request carries no credentials). */
    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http) throws Exception {
        return http.securityMatcher("/api/**")
                .authorizeHttpRequests(auth -> auth.requestMatchers("/api/subscribers/**").hasRole("ADMIN").anyRequest().authenticated())
                .httpBasic(withDefaults())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/", "/actuator/health", "/actuator/health/**", "/error", "/login", "/css/**",
                                "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .requestMatchers("/subscribe", "/subscribe/confirm", "/subscribe/webhook", "/manage", "/unsubscribe", "/js/**").permitAll()
                        .requestMatchers("/api/subscribers/**", "/deliveries/**", "/subscribers/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                // the service's own sign-in page (CSRF-protected); with no page asked for before, on to the deliveries
                // "/login" is open above with any query ("/login?logout" after a sign-out, through the provider too): the form
                // login's own permit is for "/login" exactly
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/deliveries").permitAll())
                .with(ProviderSignIn.landingOn("/deliveries"), withDefaults()) // and the identity provider, when configured
                .httpBasic(withDefaults())
                .csrf(csrf -> csrf.ignoringRequestMatchers(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/unsubscribe")))
                .build();
    }
}
