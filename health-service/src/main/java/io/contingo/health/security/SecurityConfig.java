package io.contingo.health.security;

import static org.springframework.security.config.Customizer.withDefaults;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Health and the push endpoints are open; the monitor API and pages need ADMIN; metrics need a login.
 * Accounts come from the accounts module.
 */
@Configuration
class SecurityConfig {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/push/*").permitAll()
                        .requestMatchers("/api/monitors/**", "/monitors/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                // Jobs post with their push URL's token, never with a session: nothing for CSRF to protect.
                .csrf(csrf -> csrf.ignoringRequestMatchers("/api/push/**"))
                .formLogin(withDefaults())
                .httpBasic(withDefaults())
                .build();
    }
}
