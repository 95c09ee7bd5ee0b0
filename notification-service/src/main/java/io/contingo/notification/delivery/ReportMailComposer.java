package io.contingo.notification.delivery;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Arrays;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

import io.contingo.events.ReportPublished;

/**
 * Writes the email that tells a manager a report is ready, in {@link DrpSettings#language()}: its period, scope and
 * checksum, and the link to it (never the document itself). Subject, plain text and HTML (Thymeleaf templates under
 * {@code templates/mail/}, every value escaped; a link that is not http(s) is shown, not linked).
 */
@Component
class ReportMailComposer {

    private final TemplateEngine templates;
    private final MessageSource messages;
    private final NotificationSettings settings;
    private final DrpSettings managers;

    ReportMailComposer(TemplateEngine templates, MessageSource messages, NotificationSettings settings, DrpSettings managers) {
        this.templates = templates;
        this.messages = messages;
        this.settings = settings;
        this.managers = managers;
    }

    /** Named by its month when it covers one whole calendar month, by its first and last days otherwise. */
    MailComposer.Mail published(ReportPublished report) {
        Locale locale = managers.language();
        DateTimeFormatter day = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
        ZoneId zone = zone(report.timeZone());
        Context context = new Context(locale);
        context.setVariable("monthly", report.kind() == ReportPublished.Kind.MONTHLY);
        context.setVariable("from", day.format(report.from()));
        context.setVariable("to", day.format(report.to()));
        context.setVariable("zone", zone.getId());
        context.setVariable("scope", scope(report.scope(), locale));
        context.setVariable("publishedAt", DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                .withLocale(locale).withZone(zone).format(report.publishedAt()));
        context.setVariable("link", report.link());
        context.setVariable("linkable", report.link().regionMatches(true, 0, "https://", 0, 8)
                || report.link().regionMatches(true, 0, "http://", 0, 7));
        context.setVariable("sha256", report.sha256());
        DateTimeFormatter shortDay = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
        String subject = isWholeMonth(report)
                ? messages.getMessage("mail.report.subject.month",
                        new Object[] { DateTimeFormatter.ofLocalizedPattern("yMMMM").withLocale(locale).format(report.from()) }, locale)
                : messages.getMessage("mail.report.subject.period",
                        new Object[] { shortDay.format(report.from()), shortDay.format(report.to()) }, locale);
        context.setVariable("subject", subject);
        return new MailComposer.Mail(subject, templates.process("mail/report-published.txt", context),
                templates.process("mail/report-published", context));
    }

    /** The monthly report, or one asked for a whole calendar month: named by its month. */
    private static boolean isWholeMonth(ReportPublished report) {
        LocalDate from = report.from();
        return from.getDayOfMonth() == 1 && report.to().equals(from.withDayOfMonth(from.lengthOfMonth()));
    }

    /** {@code all}, {@code site:<id>} or {@code components:<id>,<id>} in words; anything else as it came. */
    private String scope(String scope, Locale locale) {
        if (scope == null || scope.isBlank() || scope.equals("all")) {
            return messages.getMessage("mail.report.scope.all", null, locale);
        }
        if (scope.startsWith("site:")) {
            return messages.getMessage("mail.report.scope.site", new Object[] { scope.substring(5) }, locale);
        }
        if (scope.startsWith("components:")) {
            return messages.getMessage("mail.report.scope.components",
                    new Object[] { String.join(", ", Arrays.stream(scope.substring(11).split(",")).map(String::trim).toList()) }, locale);
        }
        return scope;
    }

    /** The report's time zone, or the operator's when it names none or one unknown here. */
    private ZoneId zone(String timeZone) {
        try {
            return timeZone == null ? settings.timeZone() : ZoneId.of(timeZone);
        } catch (DateTimeException unknown) {
            return settings.timeZone();
        }
    }
}
