package io.contingo.starter.accounts;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code contingo.security.users}: who may sign in, with which password and roles (AGENT, MANAGER, ADMIN). A
 * password is stored as a bcrypt hash ({@code {bcrypt}$2a$...}); anything else stops the start. When no account is
 * configured, {@code contingo.security.demo=true} asks for the local demo accounts; without it the service does not
 * start.
 */
@ConfigurationProperties("contingo.security")
public record AccountSettings(@DefaultValue List<Account> users, @DefaultValue("false") boolean demo) {

    public record Account(String name, String password, List<String> roles) {
    }

    /** "demo", hashed with bcrypt. */
    private static final String DEMO_PASSWORD = "{bcrypt}$2a$10$ws8poLXjXrmR0rVRWOsHfuCxGbya/oGiRzT5Ii/roLsU64HE/61LK";

    /**
     * LOCAL DEMO VALUES ONLY: agent, manager and admin, password "demo" (stored hashed). Only with
     * contingo.security.demo=true, as ./platform up and docker-compose.yml ask.
     */
    static final List<Account> DEMO = List.of(
            new Account("agent", DEMO_PASSWORD, List.of("AGENT")),
            new Account("manager", DEMO_PASSWORD, List.of("MANAGER")),
            new Account("admin", DEMO_PASSWORD, List.of("ADMIN", "MANAGER", "AGENT")));
}
