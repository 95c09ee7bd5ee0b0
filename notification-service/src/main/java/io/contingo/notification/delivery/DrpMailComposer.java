package io.contingo.notification.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

import io.contingo.events.DrpRunSnapshot;
import io.contingo.notification.subscriber.Subscriber;
import io.contingo.starter.text.ReadableDuration;

/**
 * Writes the DRP emails: to a customer when the site serving them changed, in their language and time zone; to a
 * manager when a run waits for approval, in {@link DrpSettings#language()} and the operator's time zone. Subject,
 * plain text and HTML (Thymeleaf templates under {@code templates/mail/}, every value escaped).
 */
@Component
class DrpMailComposer {

    private final TemplateEngine templates;
    private final MessageSource messages;
    private final NotificationSettings settings;
    private final DrpSettings drp;
    private final MailComposer customerMails;

    DrpMailComposer(TemplateEngine templates, MessageSource messages, NotificationSettings settings, DrpSettings drp,
            MailComposer customerMails) {
        this.templates = templates;
        this.messages = messages;
        this.settings = settings;
        this.drp = drp;
        this.customerMails = customerMails;
    }

    /** To a customer: service now runs from the contingency site (a failover), or from production again (a return). */
    MailComposer.Mail servingSite(DrpRunSnapshot run, Instant at, Subscriber subscriber) {
        Locale locale = subscriber.language();
        Context context = new Context(locale);
        context.setVariable("kind", run.kind().name());
        context.setVariable("subscriber", subscriber);
        context.setVariable("at", when(locale, subscriber.zone()).format(at));
        context.setVariable("zone", subscriber.zone().getId());
        String statusPage = base(settings.statusPageUrl().toString());
        context.setVariable("incident", run.incidentId() != null);
        context.setVariable("link", run.incidentId() == null ? statusPage + "/" : statusPage + "/incidents/" + segment(run.incidentId()));
        customerMails.linksOf(subscriber, context);
        String subject = messages.getMessage("mail.drp.subject." + run.kind().name(), null, locale);
        return new MailComposer.Mail(subject, templates.process("mail/drp-serving.txt", context),
                templates.process("mail/drp-serving", context));
    }

    /** To a manager: a run waits for approval, with what it costs: the data at risk and the time to recover. */
    MailComposer.Mail approvalRequest(DrpRunSnapshot run, Instant eventAt) {
        Locale locale = drp.language();
        ZoneId zone = settings.timeZone();
        Context context = new Context(locale);
        context.setVariable("run", run);
        context.setVariable("name", run.runbookName() == null ? run.runbookId() : run.runbookName());
        context.setVariable("proposedBy", run.proposedBy() == null ? "contingo" : run.proposedBy());
        context.setVariable("proposedAt", when(locale, zone).format(run.proposedAt() == null ? eventAt : run.proposedAt()));
        context.setVariable("zone", zone.getId());
        context.setVariable("rpoExposure", run.rpoExposureSeconds() == null ? null : seconds(run.rpoExposureSeconds()));
        context.setVariable("rpoTarget", seconds(run.rpoTargetSeconds()));
        context.setVariable("rpoOver", run.rpoExposureSeconds() != null && run.rpoExposureSeconds() > run.rpoTargetSeconds());
        context.setVariable("rto", seconds(run.expectedRtoSeconds()));
        context.setVariable("rtoTarget", seconds(run.rtoTargetSeconds()));
        context.setVariable("rtoOver", run.expectedRtoSeconds() > run.rtoTargetSeconds());
        context.setVariable("link", base(drp.consoleUrl().toString()) + "/console/drp/runs/" + segment(run.id()));
        context.setVariable("incidentLink", run.incidentId() == null ? null
                : base(settings.statusPageUrl().toString()) + "/incidents/" + segment(run.incidentId()));
        String subject = messages.getMessage(run.drill() ? "mail.drp.approval.subject.drill" : "mail.drp.approval.subject",
                new Object[] { context.getVariable("name") }, locale);
        context.setVariable("subject", subject);
        return new MailComposer.Mail(subject, templates.process("mail/drp-approval.txt", context),
                templates.process("mail/drp-approval", context));
    }

    private static DateTimeFormatter when(Locale locale, ZoneId zone) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT).withLocale(locale).withZone(zone);
    }

    private static String seconds(long seconds) {
        return ReadableDuration.of(Duration.ofSeconds(seconds));
    }

    private static String segment(String id) {
        return UriUtils.encodePathSegment(id, StandardCharsets.UTF_8);
    }

    private static String base(String url) {
        return url.replaceAll("/$", "");
    }
}
