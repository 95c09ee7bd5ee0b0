package io.contingo.starter.accounts;

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

/** Gives every service the same accounts, from {@link AccountSettings}. */
@AutoConfiguration(beforeName = "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration")
@EnableConfigurationProperties(AccountSettings.class)
public class AccountsAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AccountsAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @ConditionalOnMissingBean
    Accounts accounts(AccountSettings settings) {
        if (settings.users().isEmpty()) {
            log.warn("No accounts configured (contingo.security.users): using the LOCAL DEMO accounts agent, manager, admin / demo");
            return new Accounts(AccountSettings.DEMO);
        }
        return new Accounts(settings.users());
    }

    @Bean
    @ConditionalOnMissingBean(UserDetailsService.class)
    InMemoryUserDetailsManager userDetailsService(Accounts accounts, PasswordEncoder encoder) {
        return new InMemoryUserDetailsManager(accounts.all().stream().map(a -> user(a, encoder)).toList());
    }

    private static UserDetails user(AccountSettings.Account account, PasswordEncoder encoder) {
        String password = account.password().startsWith("{") ? account.password() : encoder.encode(account.password());
        return User.withUsername(account.name()).password(password).roles(account.roles().toArray(String[]::new)).build();
    }
}
