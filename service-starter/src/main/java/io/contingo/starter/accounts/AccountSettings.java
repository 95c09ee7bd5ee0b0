package io.contingo.starter.accounts;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code contingo.security.users}: who may sign in, with which password and roles (AGENT, MANAGER, ADMIN).
 * A password may be stored encoded ({@code {bcrypt}$2a$...}); a plain one is encoded at start-up.
 * When the list is empty the local demo accounts are used.
 */
@ConfigurationProperties("contingo.security")
public record AccountSettings(@DefaultValue List<Account> users) {

    public record Account(String name, String password, List<String> roles) {
    }

    /**
     * LOCAL DEMO VALUES ONLY: agent, manager and admin, password "demo". Printed by ./platform up; replace them
     * through contingo.security.users (or CONTINGO_SECURITY_USERS_0_NAME, ...) anywhere but a developer's machine.
     */
    static final List<Account> DEMO = List.of(
            new Account("agent", "demo", List.of("AGENT")),
            new Account("manager", "demo", List.of("MANAGER")),
            new Account("admin", "demo", List.of("ADMIN", "MANAGER", "AGENT")));
}
