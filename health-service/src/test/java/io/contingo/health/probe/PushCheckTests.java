package io.contingo.health.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.contingo.events.HealthStatus;
import io.contingo.health.monitor.MonitorBuilder;
import io.contingo.health.monitor.BackupMonitor;
import io.contingo.health.monitor.PushMonitor;
import io.contingo.health.push.PushState;

/** Push deadlines and backup freshness, judged on a clock the tests move. */
class PushCheckTests {

    static final Instant START = Instant.parse("2026-11-26T00:00:00Z");

    /** A clock that stands still until the test moves it. */
    private final MovingClock clock = new MovingClock(START);

    @Nested
    class Heartbeats {

        private final PushMonitor monitor = MonitorBuilder.push(Duration.ofMinutes(5)).grace(Duration.ofMinutes(1)).build();
        private PushState state = PushState.none(monitor.id());

        private CheckResult judged() {
            return PushCheck.heartbeat(monitor, state, START, clock.instant());
        }

        @Test
        void theFirstDeadlineCountsFromStartUp() {
            clock.advance(Duration.ofMinutes(6));
            assertThat(judged().status()).isEqualTo(HealthStatus.UP);
            assertThat(judged().detail()).isEqualTo("Waiting for the first push, expected every 5 min + 1 min grace");

            clock.advance(Duration.ofSeconds(1));
            assertThat(judged().status()).isEqualTo(HealthStatus.DOWN);
            assertThat(judged().detail()).isEqualTo("No push since start-up 6 min ago, expected every 5 min + 1 min grace");
        }

        @Test
        void aPushIsGoodForPeriodPlusGrace() {
            clock.advance(Duration.ofMinutes(4));
            state = state.pushed(clock.instant(), HealthStatus.UP, null);
            clock.advance(Duration.ofMinutes(6));
            assertThat(judged().status()).isEqualTo(HealthStatus.UP);
            assertThat(judged().detail()).startsWith("Last push 6 min ago");

            clock.advance(Duration.ofMillis(1));
            assertThat(judged().status()).isEqualTo(HealthStatus.DOWN);
            assertThat(judged().detail()).isEqualTo("No push for 6 min, expected every 5 min + 1 min grace");

            state = state.pushed(clock.instant(), HealthStatus.UP, null);
            assertThat(judged().status()).isEqualTo(HealthStatus.UP);
        }

        @Test
        void anExplicitDownIsDownWithTheJobsMessageUntilTheNextGoodPush() {
            state = state.pushed(clock.instant(), HealthStatus.DOWN, "disk full on /var");
            clock.advance(Duration.ofMinutes(2));
            assertThat(judged().status()).isEqualTo(HealthStatus.DOWN);
            assertThat(judged().detail()).isEqualTo("The job reported DOWN 2 min ago: disk full on /var");

            state = state.pushed(clock.instant(), HealthStatus.UP, null);
            assertThat(judged().status()).isEqualTo(HealthStatus.UP);
        }

        @Test
        void aPushFromBeforeARestartCountsFromTheRestart() {
            state = state.pushed(START.minus(Duration.ofHours(1)), HealthStatus.UP, null);
            clock.advance(Duration.ofMinutes(5));
            assertThat(judged().status()).isEqualTo(HealthStatus.UP);
            clock.advance(Duration.ofMinutes(2));
            assertThat(judged().status()).isEqualTo(HealthStatus.DOWN);
            assertThat(judged().detail()).startsWith("No push for 1 h 7 min");
        }
    }

    @Nested
    class Backups {

        private final BackupMonitor monitor = MonitorBuilder.backup(Duration.ofHours(2))
                .every("full", Duration.ofHours(24)).every("incremental", Duration.ofHours(1)).build();
        private PushState state = PushState.none(monitor.id());

        private CheckResult judged() {
            return PushCheck.backup(monitor, state, START, clock.instant());
        }

        private void backedUp(String kind, boolean ok) {
            state = state.backedUp(clock.instant(), kind, 123L, clock.instant(), ok);
        }

        @Test
        void noBackupIsDownOnceTheRpoHasPassedSinceStartUp() {
            clock.advance(Duration.ofHours(2));
            assertThat(judged().status()).as("both kinds are overdue").isEqualTo(HealthStatus.DEGRADED);
            assertThat(judged().attributes()).doesNotContainKeys("rpoSeconds", "lastBackupKind");

            clock.advance(Duration.ofSeconds(1));
            assertThat(judged().status()).isEqualTo(HealthStatus.DOWN);
            assertThat(judged().detail()).isEqualTo("No good backup since start-up 2 h ago, RPO 2 h");
            assertThat(judged().attributes()).doesNotContainKeys("rpoSeconds", "lastBackupKind");
        }

        @Test
        void upWhileTheLastGoodBackupIsYoungerThanTheRpoAndEveryKindIsOnTime() {
            backedUp("full", true);
            backedUp("incremental", true);
            clock.advance(Duration.ofMinutes(50));

            CheckResult result = judged();
            assertThat(result.status()).isEqualTo(HealthStatus.UP);
            assertThat(result.detail()).isEqualTo("Last good backup 50 min ago (incremental), RPO 2 h");
            assertThat(result.attributes()).containsEntry("rpoSeconds", "3000").containsEntry("lastBackupKind", "incremental");
        }

        @Test
        void everyResultCarriesTheTargetTheScheduleAndWhenEachKindLastSucceeded() {
            assertThat(judged().attributes()).containsEntry("rpoTargetSeconds", "7200")
                    .containsEntry("every.full", "86400").containsEntry("every.incremental", "3600")
                    .doesNotContainKeys("lastGoodBackupAt", "lastGoodAt.full");

            Instant full = clock.instant();
            backedUp("full", true);
            clock.advance(Duration.ofMinutes(10));
            Instant incremental = clock.instant();
            backedUp("incremental", true);
            backedUp("full", false);

            assertThat(judged().attributes()).containsEntry("lastGoodBackupAt", incremental.toString())
                    .containsEntry("lastGoodAt.full", full.toString())
                    .containsEntry("lastGoodAt.incremental", incremental.toString());
        }

        @Test
        void degradedWhenAScheduledKindIsOverdueButTheRpoHolds() {
            backedUp("full", true);
            backedUp("incremental", true);
            clock.advance(Duration.ofMinutes(90));

            CheckResult result = judged();
            assertThat(result.status()).isEqualTo(HealthStatus.DEGRADED);
            assertThat(result.detail()).isEqualTo("Last good backup 1 h 30 min ago (incremental), RPO 2 h; "
                    + "incremental overdue (last 1 h 30 min ago, expected every 1 h)");
            assertThat(result.attributes()).containsEntry("rpoSeconds", "5400");
        }

        @Test
        void downWhenTheLastGoodBackupIsOlderThanTheRpo() {
            clock.advance(Duration.ofMinutes(10));
            backedUp("full", true);
            clock.advance(Duration.ofHours(3).plusMinutes(10));

            CheckResult result = judged();
            assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
            assertThat(result.detail()).isEqualTo("RPO missed: last good backup 3 h 10 min ago (full), RPO 2 h");
            assertThat(result.attributes()).containsEntry("rpoSeconds", "11400").containsEntry("lastBackupKind", "full");
        }

        @Test
        void aFailedBackupDegradesButDoesNotMoveTheLastGoodOne() {
            backedUp("full", true);
            clock.advance(Duration.ofMinutes(30));
            backedUp("incremental", false);
            clock.advance(Duration.ofMinutes(10));

            CheckResult result = judged();
            assertThat(result.status()).isEqualTo(HealthStatus.DEGRADED);
            assertThat(result.detail()).isEqualTo("Last good backup 40 min ago (full), RPO 2 h; the latest incremental backup failed 10 min ago");
            assertThat(result.attributes()).containsEntry("rpoSeconds", "2400").containsEntry("lastBackupKind", "full");

            backedUp("incremental", true);
            assertThat(judged().status()).isEqualTo(HealthStatus.UP);
        }

        @Test
        void aLateReportOfAnOlderBackupDoesNotMoveTheLastGoodOneBack() {
            backedUp("incremental", true);
            state = state.backedUp(clock.instant(), "full", 9L, clock.instant().minus(Duration.ofHours(5)), true);
            clock.advance(Duration.ofMinutes(5));

            assertThat(judged().attributes()).containsEntry("rpoSeconds", "300").containsEntry("lastBackupKind", "incremental");
        }
    }

}
