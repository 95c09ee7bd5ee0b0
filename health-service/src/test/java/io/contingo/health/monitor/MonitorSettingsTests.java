package io.contingo.health.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.context.annotation.Configuration;

/** A monitors file with a mistake stops the service at start-up, and the message names the field. */
class MonitorSettingsTests {

    @Configuration
    @EnableConfigurationProperties(MonitorSettings.class)
    static class Settings {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Settings.class)
            .withPropertyValues(
                    "contingo.monitors[0].id=prod-web-http",
                    "contingo.monitors[0].component-id=prod-web",
                    "contingo.monitors[0].site-id=production",
                    "contingo.monitors[0].url=http://localhost:8091/web/");

    @Test
    void aValidMonitorBindsWithItsDefaults() {
        context.run(ctx -> {
            assertThat(ctx).hasNotFailed();
            MonitorDefinition monitor = ctx.getBean(MonitorSettings.class).monitors().getFirst();
            assertThat(monitor.method()).isEqualTo("GET");
            assertThat(monitor.interval()).hasSeconds(10);
            assertThat(monitor.timeout()).hasSeconds(3);
        });
    }

    @Test
    void aMonitorWithoutAUrlIsRefusedNamingTheField() {
        context.withPropertyValues("contingo.monitors[1].id=no-url", "contingo.monitors[1].component-id=prod-api",
                "contingo.monitors[1].site-id=production")
                .run(ctx -> assertThat(ctx).getFailure().rootCause()
                        .hasMessageContaining("contingo.monitors[1].url").hasMessageContaining("must not be null"));
    }

    @Test
    void aNegativeIntervalIsRefusedNamingTheField() {
        context.withPropertyValues("contingo.monitors[0].interval=-5s")
                .run(ctx -> assertThat(ctx).getFailure().rootCause()
                        .hasMessageContaining("contingo.monitors[0].interval").hasMessageContaining("at least 500 ms"));
    }

    @Test
    void aTimeoutLongerThanTheIntervalIsRefused() {
        context.withPropertyValues("contingo.monitors[0].interval=2s", "contingo.monitors[0].timeout=5s")
                .run(ctx -> assertThat(ctx).getFailure().rootCause()
                        .hasMessageContaining("contingo.monitors[0].timeoutShorterThanInterval")
                        .hasMessageContaining("timeout must be shorter than interval"));
    }

    @Test
    void aUrlThatIsNotHttpIsRefused() {
        context.withPropertyValues("contingo.monitors[0].url=file:///etc/passwd")
                .run(ctx -> assertThat(ctx).getFailure().rootCause().hasMessageContaining("absolute http:// or https://"));
    }
}
