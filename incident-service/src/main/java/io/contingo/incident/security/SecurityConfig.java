package io.contingo.incident.security;

import static org.springframework.security.config.Customizer.withDefaults;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The status page, its incident pages, its JSON API and health are public; everything else (the console,
 * metrics) needs a login: a form for people, HTTP Basic for API clients.
 */
@Configuration
public class SecurityConfig {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/", "/incidents/**", "/api/v2/**", "/history.atom", "/css/**", "/favicon.svg",
                                "/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .requestMatchers("/console/**").hasAnyRole("AGENT", "MANAGER", "ADMIN")
                        .anyRequest().authenticated())
                .formLogin(withDefaults())
                .httpBasic(withDefaults())
                .build();
    }
}
