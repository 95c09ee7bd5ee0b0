package io.contingo.starter.accounts;

import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * Gives every service the same accounts, from {@link AccountSettings}: the configured ones, each with a bcrypt
 * password hash, or the local demo ones when the demo is asked for. Neither stops the start with a message that says
 * what to set.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration")
@EnableConfigurationProperties(AccountSettings.class)
public class AccountsAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AccountsAutoConfiguration.class);

    /** {bcrypt}, then a bcrypt hash: $2a$, $2b$ or $2y$, the strength, 22 characters of salt and 31 of hash. */
    private static final Pattern BCRYPT = Pattern.compile("\\{bcrypt}\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");

    private static final String HOW_TO_HASH = "Store each password as {bcrypt} followed by its bcrypt hash, for example the"
            + " output of: htpasswd -nbBC 12 \"\" 'the-password' | tr -d ':\\n'";

    @Bean
    @ConditionalOnMissingBean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @ConditionalOnMissingBean
    Accounts accounts(AccountSettings settings) {
        if (settings.users().isEmpty()) {
            if (!settings.demo()) {
                throw new AccountsNotUsableException("No accounts are configured, so nobody could sign in.",
                        "Configure contingo.security.users (for each account: name, password as a {bcrypt} hash, and roles"
                                + " among AGENT, MANAGER, ADMIN; as environment variables CONTINGO_SECURITY_USERS_0_NAME,"
                                + " CONTINGO_SECURITY_USERS_0_PASSWORD, CONTINGO_SECURITY_USERS_0_ROLES, ...). On a developer's"
                                + " machine only, contingo.security.demo=true (CONTINGO_SECURITY_DEMO=true) starts with the"
                                + " local demo accounts agent, manager and admin, password demo.");
            }
            log.warn("contingo.security.demo=true: using the LOCAL DEMO accounts agent, manager, admin / demo. Never expose this service.");
            return new Accounts(AccountSettings.DEMO);
        }
        if (settings.demo()) {
            log.info("Accounts are configured (contingo.security.users): contingo.security.demo is ignored");
        }
        for (int i = 0; i < settings.users().size(); i++) {
            check(i, settings.users().get(i));
        }
        return new Accounts(settings.users());
    }

    @Bean
    @ConditionalOnMissingBean(UserDetailsService.class)
    InMemoryUserDetailsManager userDetailsService(Accounts accounts) {
        return new InMemoryUserDetailsManager(accounts.all().stream().map(AccountsAutoConfiguration::user).toList());
    }

    /** A configured account needs a name, a role and a bcrypt hash: a plain or {noop} password is refused. */
    private static void check(int index, AccountSettings.Account account) {
        String which = "contingo.security.users[" + index + "]";
        if (account.name() == null || account.name().isBlank()) {
            throw new AccountsNotUsableException("The account " + which + " has no name.", "Set " + which + ".name.");
        }
        which += " (" + account.name() + ")";
        if (account.roles() == null || account.roles().isEmpty()) {
            throw new AccountsNotUsableException("The account " + which + " has no role.",
                    "Set " + which + ".roles to one or more of AGENT, MANAGER, ADMIN.");
        }
        if (account.password() == null || !BCRYPT.matcher(account.password()).matches()) {
            throw new AccountsNotUsableException("The password of the account " + which + " is not stored as a bcrypt hash:"
                    + " a plain, {noop} or other password is refused.", HOW_TO_HASH + ".");
        }
    }

    private static UserDetails user(AccountSettings.Account account) {
        return User.withUsername(account.name()).password(account.password()).roles(account.roles().toArray(String[]::new)).build();
    }
}
