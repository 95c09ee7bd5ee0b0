package io.contingo.notification.delivery;

import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.contingo.events.ReportPublished;

/**
 * {@code onReportEvent}: a stored report was published; each manager ({@link EmailQueue}) gets one email with its link,
 * id {@code eventId/report/address}, so a redelivered announcement, a restart or a second instance never makes a
 * second email. Customers get nothing. Writing deliveries is the only effect; the {@link MailRelay} sends them.
 */
@Configuration
class ReportEventsListener {

    private static final Logger log = LoggerFactory.getLogger(ReportEventsListener.class);

    @Bean
    Consumer<ReportPublished> onReportEvent(ReportMailComposer composer, EmailQueue queue, MailRelay relay) {
        return report -> {
            if (!queue.anyManager()) {
                log.warn("Report {} was published, but contingo.notification.drp.managers names nobody to tell", report.reportId());
                return;
            }
            int queued = queue.queueToManagers(report.eventId() + "/report", 0, "REPORT", composer.published(report));
            log.info("Report {} ({} to {}) was published: {} email(s) to managers queued", report.reportId(), report.from(),
                    report.to(), queued);
            if (queued > 0) {
                relay.wake();
            }
        };
    }
}
