package io.contingo.report.monthly;

import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

import io.contingo.events.ReportPublished;
import io.contingo.events.Topics;

/**
 * Generates the previous month's report on the first day of each month (in the operator's time zone), by itself,
 * and announces it on {@code report-events}: it looks every {@code check-every} whether the report is due, so a
 * service that was down at midnight catches up when it starts. The claim in the store makes sure that only one
 * instance generates it; an announcement is marked only after it was sent, so a crash in between repeats it with the
 * same event id, which notification-service emails once.
 */
@Component
class MonthlyJob implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MonthlyJob.class);

    private final MonthlyReports reports;
    private final MonthlySettings settings;
    private final StreamBridge bridge;
    private ScheduledExecutorService timer;

    MonthlyJob(MonthlyReports reports, MonthlySettings settings, StreamBridge bridge) {
        this.reports = reports;
        this.settings = settings;
        this.bridge = bridge;
    }

    /**
     * One look: generates the due month's report if no instance has, then announces what is stored and unannounced.
     *
     * @return the month's report when this look generated it
     */
    java.util.Optional<StoredReport> runOnce(Instant now) {
        java.util.Optional<StoredReport> generated = reports.generateDueMonth(now);
        for (StoredReport report : reports.toAnnounce()) {
            if (!reports.claimAnnouncement(report.id(), now)) {
                continue; // another instance is sending it
            }
            ReportPublished event = new ReportPublished(report.id(), report.id(), report.kind(), report.from(), report.to(),
                    report.timeZone(), report.scope(), report.generatedAt(), reports.link(report.id()),
                    report.sha256().get(settings.languages().getFirst()));
            boolean sent = false;
            try {
                sent = bridge.send(Topics.REPORT_EVENTS, MessageBuilder.withPayload(event)
                        .setHeader(KafkaHeaders.KEY, report.id().getBytes(java.nio.charset.StandardCharsets.UTF_8)).build());
            } finally {
                reports.announced(report.id(), sent);
            }
            if (sent) {
                log.info("Announced service report {} on {}", report.id(), Topics.REPORT_EVENTS);
            }
        }
        return generated;
    }

    @Override
    public void start() {
        if (!settings.generate()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("monthly-report").factory());
        timer.scheduleWithFixedDelay(() -> {
            try {
                runOnce(Instant.now());
            } catch (RuntimeException e) {
                log.warn("Could not look for a due monthly report; trying again in {}", settings.checkEvery(), e);
            }
        }, 5_000, Math.max(1, settings.checkEvery().toMillis()), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null && !timer.isShutdown();
    }
}
