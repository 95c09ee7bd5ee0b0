package io.contingo.starter.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * Who may sign in: the configured accounts with hashed passwords, the demo accounts only when the demo is asked for,
 * and otherwise no start at all, with a message that says what to configure.
 */
class AccountsAutoConfigurationTests {

    /** "s3cret", hashed with bcrypt (strength 4: quick to check in a test). */
    private static final String S3CRET = "{bcrypt}$2a$04$ReiaDw9rMMWm9W8z/YUarOWIHpAJwvXJT/Rp9/5yOsoX0T4JlYbJG";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AccountsAutoConfiguration.class));

    @Test
    void withoutAccountsAndWithoutTheDemoTheServiceDoesNotStartAndSaysWhatToSet() {
        runner.run(context -> {
            assertThat(context).hasFailed();
            assertThat(rootCause(context.getStartupFailure()))
                    .isInstanceOf(AccountsNotUsableException.class)
                    .hasMessageContaining("contingo.security.users")
                    .hasMessageContaining("contingo.security.demo=true");
        });
    }

    @Test
    void theDemoAccountsOnlyWhenTheDemoIsAskedForAndTheirPasswordsAreHashed() {
        runner.withPropertyValues("contingo.security.demo=true").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Accounts.class).withRole("MANAGER")).containsExactly("admin", "manager");
            UserDetails agent = context.getBean(UserDetailsService.class).loadUserByUsername("agent");
            assertThat(agent.getPassword()).startsWith("{bcrypt}$2a$").doesNotContain("demo");
            assertThat(context.getBean(PasswordEncoder.class).matches("demo", agent.getPassword())).isTrue();
        });
    }

    @Test
    void configuredAccountsWithBcryptPasswordsSignInAndTheDemoAccountsAreThenLeftOut() {
        runner.withPropertyValues("contingo.security.demo=true",
                "contingo.security.users[0].name=ana", "contingo.security.users[0].password=" + S3CRET,
                "contingo.security.users[0].roles=MANAGER,AGENT").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Accounts.class).withRole("MANAGER")).containsExactly("ana");
            InMemoryUserDetailsManager users = context.getBean(InMemoryUserDetailsManager.class);
            assertThat(context.getBean(PasswordEncoder.class).matches("s3cret", users.loadUserByUsername("ana").getPassword())).isTrue();
            assertThat(users.userExists("admin")).isFalse();
        });
    }

    @Test
    void aPlainOrNoopPasswordStopsTheStartNamingTheAccount() {
        for (String password : new String[] {"s3cret", "{noop}s3cret", "{bcrypt}not-a-hash", "{sha256}abc"}) {
            runner.withPropertyValues("contingo.security.users[0].name=ana", "contingo.security.users[0].password=" + password,
                    "contingo.security.users[0].roles=ADMIN").run(context -> {
                assertThat(context).as(password).hasFailed();
                assertThat(rootCause(context.getStartupFailure())).as(password)
                        .isInstanceOf(AccountsNotUsableException.class)
                        .hasMessageContaining("ana")
                        .hasMessageContaining("{bcrypt}")
                        .hasMessageNotContaining("s3cret");
            });
        }
    }

    @Test
    void theFailureIsExplainedWithAnActionOnStartUp() {
        runner.run(context -> {
            var analysis = new AccountsFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains("No accounts are configured");
            assertThat(analysis.getAction()).contains("contingo.security.users").contains("contingo.security.demo=true");
        });
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
