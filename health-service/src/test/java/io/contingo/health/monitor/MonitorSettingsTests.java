package io.contingo.health.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import io.contingo.events.HealthStatus;

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

    private static MonitorDefinition first(org.springframework.context.ApplicationContext ctx) {
        return ctx.getBean(MonitorSettings.class).definitions().getFirst();
    }

    /** The first monitor, which must be of this type. */
    private static <T extends MonitorDefinition> T first(org.springframework.context.ApplicationContext ctx, Class<T> type) {
        return type.cast(first(ctx));
    }

    @Test
    void aValidMonitorBindsWithItsDefaults() {
        context.run(ctx -> {
            assertThat(ctx).hasNotFailed();
            HttpMonitor monitor = first(ctx, HttpMonitor.class);
            assertThat(monitor.type()).isEqualTo(MonitorType.HTTP);
            assertThat(monitor.method()).isEqualTo("GET");
            assertThat(monitor.interval()).hasSeconds(10);
            assertThat(monitor.timeout()).hasSeconds(3);
            assertThat(monitor.headers()).isEmpty();
            assertThat(monitor.conditions()).isEmpty();
            assertThat(monitor.followRedirects()).isFalse();
        });
    }

    @Test
    void aMonitorWithoutAUrlIsRefusedNamingTheField() {
        context.withPropertyValues("contingo.monitors[1].id=no-url", "contingo.monitors[1].component-id=prod-api",
                "contingo.monitors[1].site-id=production")
                .run(ctx -> assertThat(ctx).getFailure().rootCause()
                        .hasMessageContaining("contingo.monitors[1].url").hasMessageContaining("must be set for an http monitor"));
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
                .run(ctx -> assertThat(ctx).getFailure().rootCause()
                        .hasMessageContaining("contingo.monitors[0].url")
                        .hasMessageContaining("absolute http:// or https://"));
    }

    @Test
    void anUnknownTypeIsRefused() {
        context.withPropertyValues("contingo.monitors[0].type=icmp")
                .run(ctx -> assertThat(ctx).getFailure().rootCause().hasMessageContaining("icmp"));
    }

    @Nested
    class Pushed {

        private final ApplicationContextRunner pushed = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
                .withUserConfiguration(Settings.class)
                .withPropertyValues(
                        "contingo.monitors[0].id=nightly-job",
                        "contingo.monitors[0].component-id=prod-api",
                        "contingo.monitors[0].site-id=production");

        @Test
        void aPushMonitorBindsItsPeriodAndGrace() {
            pushed.withPropertyValues("contingo.monitors[0].type=push", "contingo.monitors[0].period=1h",
                    "contingo.monitors[0].grace=5m").run(ctx -> {
                        assertThat(ctx).hasNotFailed();
                        assertThat(first(ctx, PushMonitor.class).period()).hasHours(1);
                        assertThat(first(ctx, PushMonitor.class).graceOrNone()).hasMinutes(5);
                        assertThat(first(ctx).target()).isEqualTo("push every 1h + 5m grace");
                    });
        }

        @Test
        void aPushMonitorNeedsAPeriodAndTakesNoUrl() {
            pushed.withPropertyValues("contingo.monitors[0].type=push", "contingo.monitors[0].url=http://localhost/")
                    .run(ctx -> assertThat(ctx).getFailure().rootCause()
                            .hasMessageContaining("contingo.monitors[0].period").hasMessageContaining("must be set for a push monitor")
                            .hasMessageContaining("contingo.monitors[0].url").hasMessageContaining("is not used by a push monitor"));
        }

        @Test
        void aBackupMonitorBindsItsRpoAndSchedule() {
            pushed.withPropertyValues("contingo.monitors[0].type=backup", "contingo.monitors[0].rpo=2h",
                    "contingo.monitors[0].schedule.full=24h", "contingo.monitors[0].schedule.incremental=2h").run(ctx -> {
                        assertThat(ctx).hasNotFailed();
                        assertThat(first(ctx, BackupMonitor.class).rpo()).hasHours(2);
                        assertThat(first(ctx, BackupMonitor.class).schedule()).containsEntry("full", java.time.Duration.ofHours(24))
                                .containsEntry("incremental", java.time.Duration.ofHours(2));
                        assertThat(first(ctx).target()).isEqualTo("backups, RPO 2h, full every 24h, incremental every 2h");
                    });
        }

        @Test
        void aBackupMonitorNeedsAnRpoAndKnownKinds() {
            pushed.withPropertyValues("contingo.monitors[0].type=backup", "contingo.monitors[0].schedule.weekly=7d")
                    .run(ctx -> assertThat(ctx).getFailure().rootCause()
                            .hasMessageContaining("contingo.monitors[0].rpo").hasMessageContaining("must be set for a backup monitor")
                            .hasMessageContaining("'weekly' is not a kind of backup"));
        }

        @Test
        void anHttpMonitorTakesNoPeriod() {
            context.withPropertyValues("contingo.monitors[0].period=1h")
                    .run(ctx -> assertThat(ctx).getFailure().rootCause()
                            .hasMessageContaining("contingo.monitors[0].period").hasMessageContaining("is not used by an http monitor"));
        }
    }

    @Nested
    class Metrics {

        private final ApplicationContextRunner metrics = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
                .withUserConfiguration(Settings.class)
                .withPropertyValues(
                        "contingo.monitors[0].id=db-host",
                        "contingo.monitors[0].component-id=prod-api",
                        "contingo.monitors[0].site-id=production",
                        "contingo.monitors[0].type=metrics",
                        "contingo.monitors[0].period=1m");

        @Test
        void thresholdsBindPerMetric() {
            metrics.withPropertyValues("contingo.monitors[0].grace=30s",
                    "contingo.monitors[0].thresholds.disk.degraded=80", "contingo.monitors[0].thresholds.disk.down=95",
                    "contingo.monitors[0].thresholds.clockDrift.down=2.5",
                    "contingo.monitors[0].thresholds.uptime.degraded=600",
                    "contingo.monitors[0].thresholds.process.absent=degraded").run(ctx -> {
                        assertThat(ctx).hasNotFailed();
                        MetricsMonitor monitor = first(ctx, MetricsMonitor.class);
                        assertThat(monitor.thresholds()).containsEntry("disk", new MetricThreshold(80.0, 95.0, null))
                                .containsEntry("clockDrift", new MetricThreshold(null, 2.5, null))
                                .containsEntry("uptime", new MetricThreshold(600.0, null, null))
                                .containsEntry("process", new MetricThreshold(null, null, HealthStatus.DEGRADED));
                        assertThat(monitor.target()).isEqualTo("host metrics every 1m + 30s grace, thresholds on disk, clockDrift, uptime, process");
                    });
        }

        @Test
        void anUnknownMetricIsRefusedNamingTheKnownOnes() {
            metrics.withPropertyValues("contingo.monitors[0].thresholds.temperature.down=80")
                    .run(ctx -> assertThat(ctx).getFailure().rootCause()
                            .hasMessageContaining("contingo.monitors[0].thresholds.temperature")
                            .hasMessageContaining("'temperature' is not a metric: disk, inodes, load, cpu, memory, swap, "
                                    + "clockDrift, uptime, process, replicationLag"));
        }

        @Test
        void degradedMustComeBeforeDownTheWayTheMetricGoesBad() {
            metrics.withPropertyValues("contingo.monitors[0].thresholds.disk.degraded=95", "contingo.monitors[0].thresholds.disk.down=80")
                    .run(ctx -> assertThat(ctx).getFailure().rootCause()
                            .hasMessageContaining("contingo.monitors[0].thresholds.disk.degraded")
                            .hasMessageContaining("must not be above down: disk is worse the higher it is (degraded 95, down 80)"));
            metrics.withPropertyValues("contingo.monitors[0].thresholds.uptime.degraded=60", "contingo.monitors[0].thresholds.uptime.down=600")
                    .run(ctx -> assertThat(ctx).getFailure().rootCause()
                            .hasMessageContaining("contingo.monitors[0].thresholds.uptime.degraded")
                            .hasMessageContaining("must not be below down: uptime is worse the lower it is (degraded 60, down 600)"));
            metrics.withPropertyValues("contingo.monitors[0].thresholds.uptime.degraded=600", "contingo.monitors[0].thresholds.uptime.down=60",
                    "contingo.monitors[0].thresholds.clockDrift.degraded=1", "contingo.monitors[0].thresholds.clockDrift.down=1")
                    .run(ctx -> assertThat(ctx).hasNotFailed());
        }

        @Test
        void negativeAndImpossibleThresholdsAreRefused() {
            metrics.withPropertyValues("contingo.monitors[0].thresholds.load.down=-1",
                    "contingo.monitors[0].thresholds.clockDrift.degraded=-0.5",
                    "contingo.monitors[0].thresholds.memory.down=120")
                    .run(ctx -> assertThat(ctx).getFailure().rootCause()
                            .hasMessageContaining("contingo.monitors[0].thresholds.load.down")
                            .hasMessageContaining("must not be negative (it is -1)")
                            .hasMessageContaining("contingo.monitors[0].thresholds.clockDrift.degraded")
                            .hasMessageContaining("contingo.monitors[0].thresholds.memory.down")
                            .hasMessageContaining("must be a percentage from 0 to 100 (it is 120)"));
        }

        @Test
        void processTakesOnlyWhatAnAbsentProcessIs() {
            metrics.withPropertyValues("contingo.monitors[0].thresholds.process.down=1")
                    .run(ctx -> assertThat(ctx).getFailure().rootCause()
                            .hasMessageContaining("contingo.monitors[0].thresholds.process")
                            .hasMessageContaining("process takes absent: degraded or absent: down"));
            metrics.withPropertyValues("contingo.monitors[0].thresholds.process.absent=up")
                    .run(ctx -> assertThat(ctx).getFailure().rootCause()
                            .hasMessageContaining("contingo.monitors[0].thresholds.process.absent")
                            .hasMessageContaining("must be degraded or down"));
            metrics.withPropertyValues("contingo.monitors[0].thresholds.disk.absent=down")
                    .run(ctx -> assertThat(ctx).getFailure().rootCause()
                            .hasMessageContaining("contingo.monitors[0].thresholds.disk.absent")
                            .hasMessageContaining("is only used by process"));
        }

        @Test
        void aMetricsMonitorNeedsAPeriodAndOnlyMetricsMonitorsTakeThresholds() {
            metrics.withPropertyValues("contingo.monitors[0].period=", "contingo.monitors[0].rpo=1h")
                    .run(ctx -> assertThat(ctx).getFailure().rootCause()
                            .hasMessageContaining("contingo.monitors[0].period").hasMessageContaining("must be set for a metrics monitor")
                            .hasMessageContaining("contingo.monitors[0].rpo").hasMessageContaining("is not used by a metrics monitor"));
            context.withPropertyValues("contingo.monitors[0].thresholds.disk.down=95")
                    .run(ctx -> assertThat(ctx).getFailure().rootCause()
                            .hasMessageContaining("contingo.monitors[0].thresholds")
                            .hasMessageContaining("is not used by an http monitor"));
        }
    }

    @Nested
    class Http {

        @Test
        void headersBodyRedirectsAndConditionsBind() {
            context.withPropertyValues(
                    "contingo.monitors[0].method=POST",
                    "contingo.monitors[0].headers.Accept=application/json",
                    "contingo.monitors[0].headers.X-Api-Key=secret",
                    "contingo.monitors[0].body={\"ping\":1}",
                    "contingo.monitors[0].follow-redirects=true",
                    "contingo.monitors[0].conditions[0]=[STATUS] == 200",
                    "contingo.monitors[0].conditions[1]=[BODY].status == UP")
                    .run(ctx -> {
                        assertThat(ctx).hasNotFailed();
                        HttpMonitor monitor = first(ctx, HttpMonitor.class);
                        assertThat(monitor.headers()).containsEntry("Accept", "application/json").containsEntry("X-Api-Key", "secret");
                        assertThat(monitor.body()).isEqualTo("{\"ping\":1}");
                        assertThat(monitor.followRedirects()).isTrue();
                        assertThat(monitor.parsedConditions()).extracting(Object::toString)
                                .containsExactly("[STATUS] == 200", "[BODY].status == UP");
                    });
        }

        @Test
        void anUnreadableConditionIsRefusedNamingTheMonitorTheConditionAndThePosition() {
            context.withPropertyValues(
                    "contingo.monitors[0].conditions[0]=[STATUS] == 200",
                    "contingo.monitors[0].conditions[1]=[STAUS] == 200")
                    .run(ctx -> assertThat(ctx).getFailure().rootCause()
                            .hasMessageContaining("contingo.monitors[0].conditions[1]")
                            .hasMessageContaining("monitor 'prod-web-http': condition \"[STAUS] == 200\" is not valid: "
                                    + "unknown placeholder [STAUS] (use [STATUS], [RESPONSE_TIME], [BODY], [CERTIFICATE_EXPIRATION]) at position 1"));
        }

        @Test
        void aConditionWithBracesAndDollarsIsQuotedAsWritten() {
            context.withPropertyValues("contingo.monitors[0].conditions[0]=[BODY] contains ${x} {y} \\z")
                    .run(ctx -> assertThat(ctx).getFailure().rootCause()
                            .hasMessageContaining("condition \"[BODY] contains ${x} {y} \\z\" is not valid: unexpected '{y} \\z'"));
        }

        @Test
        void aCertificateConditionNeedsHttps() {
            context.withPropertyValues("contingo.monitors[0].conditions[0]=[CERTIFICATE_EXPIRATION] > 72h")
                    .run(ctx -> assertThat(ctx).getFailure().rootCause()
                            .hasMessageContaining("contingo.monitors[0].conditions[0]")
                            .hasMessageContaining("reads the TLS certificate, which needs an https:// url"));
            context.withPropertyValues("contingo.monitors[0].url=https://localhost:8443/",
                    "contingo.monitors[0].conditions[0]=[CERTIFICATE_EXPIRATION] > 72h")
                    .run(ctx -> assertThat(ctx).hasNotFailed());
        }

        @Test
        void anExpectedStatusAndConditionsTogetherAreRefused() {
            context.withPropertyValues("contingo.monitors[0].expected-status=204", "contingo.monitors[0].conditions[0]=[BODY] contains OK")
                    .run(ctx -> assertThat(ctx).getFailure().rootCause()
                            .hasMessageContaining("contingo.monitors[0].expected-status")
                            .hasMessageContaining("cannot be used with conditions: write [STATUS] == 204 as a condition"));
        }

        @Test
        void aHeaderTheClientSetsItselfIsRefused() {
            context.withPropertyValues("contingo.monitors[0].headers.Host=example.com")
                    .run(ctx -> assertThat(ctx).getFailure().rootCause()
                            .hasMessageContaining("contingo.monitors[0].headers")
                            .hasMessageContaining("Host is set by the HTTP client and cannot be configured"));
        }

        @Test
        void anUnknownMethodIsRefused() {
            context.withPropertyValues("contingo.monitors[0].method=TRACE")
                    .run(ctx -> assertThat(ctx).getFailure().rootCause()
                            .hasMessageContaining("contingo.monitors[0].method").hasMessageContaining("must be GET, HEAD, POST"));
        }

        @Test
        void aTcpFieldOnAnHttpMonitorIsRefused() {
            context.withPropertyValues("contingo.monitors[0].port=8091")
                    .run(ctx -> assertThat(ctx).getFailure().rootCause()
                            .hasMessageContaining("contingo.monitors[0].port")
                            .hasMessageContaining("is not used by an http monitor (monitor 'prod-web-http' has type: http)"));
        }
    }

    @Nested
    class Tcp {

        private final ApplicationContextRunner tcp = context.withPropertyValues(
                "contingo.monitors[0].type=tcp", "contingo.monitors[0].url=");

        @Test
        void aHostAndPortBind() {
            tcp.withPropertyValues("contingo.monitors[0].host=db.internal", "contingo.monitors[0].port=5432",
                    "contingo.monitors[0].send=PING\\r\\n", "contingo.monitors[0].expect=PONG")
                    .run(ctx -> {
                        assertThat(ctx).hasNotFailed();
                        TcpMonitor monitor = first(ctx, TcpMonitor.class);
                        assertThat(monitor.type()).isEqualTo(MonitorType.TCP);
                        assertThat(monitor.target()).isEqualTo("db.internal:5432");
                        assertThat(monitor.expect()).isEqualTo("PONG");
                    });
        }

        @Test
        void aUrlGivesTheHostAndPort() {
            context.withPropertyValues("contingo.monitors[0].type=tcp")
                    .run(ctx -> assertThat(first(ctx).target()).isEqualTo("localhost:8091"));
            context.withPropertyValues("contingo.monitors[0].type=tcp", "contingo.monitors[0].url=tcp://[::1]:25")
                    .run(ctx -> assertThat(first(ctx).target()).isEqualTo("[::1]:25"));
            context.withPropertyValues("contingo.monitors[0].type=tcp", "contingo.monitors[0].url=https://status.example.com/")
                    .run(ctx -> assertThat(first(ctx).target()).isEqualTo("status.example.com:443"));
        }

        @Test
        void aMissingHostOrPortIsRefused() {
            tcp.run(ctx -> assertThat(ctx).getFailure().rootCause()
                    .hasMessageContaining("contingo.monitors[0].host").hasMessageContaining("must be set for a tcp monitor")
                    .hasMessageContaining("contingo.monitors[0].port"));
            tcp.withPropertyValues("contingo.monitors[0].host=db", "contingo.monitors[0].port=70000")
                    .run(ctx -> assertThat(ctx).getFailure().rootCause()
                            .hasMessageContaining("contingo.monitors[0].port").hasMessageContaining("from 1 to 65535"));
            context.withPropertyValues("contingo.monitors[0].type=tcp", "contingo.monitors[0].url=tcp://db.internal")
                    .run(ctx -> assertThat(ctx).getFailure().rootCause()
                            .hasMessageContaining("contingo.monitors[0].url").hasMessageContaining("must be tcp://host:port"));
        }

        @Test
        void conditionsOnATcpMonitorAreRefused() {
            tcp.withPropertyValues("contingo.monitors[0].host=db", "contingo.monitors[0].port=5432",
                    "contingo.monitors[0].conditions[0]=[STATUS] == 200")
                    .run(ctx -> assertThat(ctx).getFailure().rootCause()
                            .hasMessageContaining("contingo.monitors[0].conditions").hasMessageContaining("is not used by a tcp monitor"));
        }
    }

    @Nested
    class Dns {

        private final ApplicationContextRunner dns = context.withPropertyValues(
                "contingo.monitors[0].type=dns", "contingo.monitors[0].url=");

        @Test
        void aQueryBindsWithTypeAAndTheSystemResolverByDefault() {
            dns.withPropertyValues("contingo.monitors[0].query-name=intranet.example.com")
                    .run(ctx -> {
                        assertThat(ctx).hasNotFailed();
                        DnsMonitor monitor = first(ctx, DnsMonitor.class);
                        assertThat(monitor.queryType()).isEqualTo("A");
                        assertThat(monitor.dnsServer()).isNull();
                        assertThat(monitor.target()).isEqualTo("intranet.example.com A");
                    });
            dns.withPropertyValues("contingo.monitors[0].query-name=example.com", "contingo.monitors[0].query-type=MX",
                    "contingo.monitors[0].server=10.0.0.2:5353", "contingo.monitors[0].expect=10 mail.example.com.")
                    .run(ctx -> assertThat(first(ctx).target()).isEqualTo("example.com MX @10.0.0.2:5353"));
        }

        @Test
        void aMissingNameABadTypeOrABadServerIsRefused() {
            dns.run(ctx -> assertThat(ctx).getFailure().rootCause()
                    .hasMessageContaining("contingo.monitors[0].query-name").hasMessageContaining("must be set for a dns monitor"));
            dns.withPropertyValues("contingo.monitors[0].query-name=example.com", "contingo.monitors[0].query-type=ANY")
                    .run(ctx -> assertThat(ctx).getFailure().rootCause()
                            .hasMessageContaining("contingo.monitors[0].queryType").hasMessageContaining("must be A, AAAA"));
            dns.withPropertyValues("contingo.monitors[0].query-name=example.com", "contingo.monitors[0].server=10.0.0.2:99999")
                    .run(ctx -> assertThat(ctx).getFailure().rootCause()
                            .hasMessageContaining("contingo.monitors[0].server").hasMessageContaining("not a number from 1 to 65535"));
        }
    }

    @Test
    void theDemoMonitorsAreValid() throws IOException {
        List<PropertySource<?>> demo = new YamlPropertySourceLoader().load("demo", new ClassPathResource("monitors/demo.yml"));
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
                .withUserConfiguration(Settings.class)
                .withInitializer(ctx -> demo.forEach(ctx.getEnvironment().getPropertySources()::addFirst))
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    List<WrittenMonitor> monitors = ctx.getBean(MonitorSettings.class).monitors();
                    assertThat(monitors).extracting(WrittenMonitor::type).contains(MonitorType.HTTP, MonitorType.TCP,
                            MonitorType.PUSH, MonitorType.BACKUP, MonitorType.METRICS);
                    assertThat(monitors).anySatisfy(m -> assertThat(m.conditions()).isNotEmpty());
                });
    }
}
