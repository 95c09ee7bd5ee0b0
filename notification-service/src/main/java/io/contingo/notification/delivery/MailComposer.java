package io.contingo.notification.delivery;

import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

import io.contingo.events.IncidentSnapshot;
import io.contingo.notification.subscriber.Subscriber;
import io.contingo.notification.subscriber.SubscriberLinks;
import io.contingo.starter.text.ReadableDuration;

/**
 * Writes an incident email for one subscriber, in their language and time zone: subject, plain text and HTML
 * (Thymeleaf templates under {@code templates/mail/}, every value escaped).
 */
@Component
class MailComposer {

    /** What the email says. */
    enum Kind { OPENED, UPDATE, RESOLVED }

    record Mail(String subject, String text, String html) {
    }

    private final TemplateEngine templates;
    private final MessageSource messages;
    private final NotificationSettings settings;
    private final SubscriberLinks links;

    MailComposer(TemplateEngine templates, MessageSource messages, NotificationSettings settings, SubscriberLinks links) {
        this.templates = templates;
        this.messages = messages;
        this.settings = settings;
        this.links = links;
    }

    /** The links at the foot of every customer's email: manage the subscription, leave it. */
    void linksOf(Subscriber subscriber, Context context) {
        context.setVariable("manageLink", links.manageUrl(subscriber.id()));
        context.setVariable("unsubscribeLink", links.unsubscribeUrl(subscriber.id()));
    }

    /** {@code joined}: the names of the followed components that became affected since the subscriber's last email. */
    Mail compose(Kind kind, IncidentSnapshot written, Subscriber subscriber, List<String> joined) {
        Locale locale = subscriber.language();
        // the engine's texts and the catalog's names in the subscriber's language, where it wrote them in it
        IncidentSnapshot incident = written.in(locale.getLanguage());
        Map<String, String> names = new HashMap<>();
        for (int i = 0; i < written.components().size(); i++) {
            names.put(written.components().get(i).name(), incident.components().get(i).name());
        }
        joined = joined.stream().map(name -> names.getOrDefault(name, name)).toList();
        DateTimeFormatter when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                .withLocale(locale).withZone(subscriber.zone());
        Context context = new Context(locale);
        context.setVariable("kind", kind.name());
        context.setVariable("incident", incident);
        context.setVariable("subscriber", subscriber);
        context.setVariable("joined", joined.isEmpty() ? null : String.join(", ", joined));
        context.setVariable("services", incident.components().stream().map(IncidentSnapshot.AffectedComponent::name).toList());
        context.setVariable("startedAt", when.format(incident.createdAt()));
        context.setVariable("resolvedAt", incident.resolvedAt() == null ? null : when.format(incident.resolvedAt()));
        context.setVariable("duration", incident.resolvedAt() == null ? null // the outage: the union of the windows
                : ReadableDuration.of(incident.outage(incident.resolvedAt())));
        context.setVariable("zone", subscriber.zone().getId());
        context.setVariable("latest", incident.updates().isEmpty() ? null : incident.updates().getLast());
        context.setVariable("link", settings.statusPageUrl().toString().replaceAll("/$", "") + "/incidents/" + incident.id());
        linksOf(subscriber, context);
        String subject = messages.getMessage("mail.subject." + kind.name(), new Object[] { incident.name() }, locale);
        return new Mail(subject, templates.process("mail/incident.txt", context), templates.process("mail/incident", context));
    }
}
