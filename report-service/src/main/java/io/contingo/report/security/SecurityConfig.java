package io.contingo.report.security;

import static org.springframework.security.config.Customizer.withDefaults;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import io.contingo.starter.signin.ProviderSignIn;

/**
 * Health, the start page and the OpenAPI document are open; reports are for managers and administrators;
 * everything else needs a login: the service's sign-in page for people, HTTP Basic for API clients.
 */
@Configuration
public class SecurityConfig {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/", "/actuator/health", "/actuator/health/**", "/error", "/login", "/css/**",
                                "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .requestMatchers("/reports/**", "/api/reports/**").hasAnyRole("MANAGER", "ADMIN")
                        .anyRequest().authenticated())
                // the service's own sign-in page (CSRF-protected); with no page asked for before, on to the reports
                // "/login" is open above with any query ("/login?logout" after a sign-out, through the provider too): the form
                // login's own permit is for "/login" exactly
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/reports").permitAll())
                .with(ProviderSignIn.landingOn("/reports"), withDefaults()) // and the identity provider, when configured
                .httpBasic(withDefaults())
                .build();
    }
}
