package io.contingo.notification.subscription;

import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

import io.contingo.notification.subscriber.Subscriber;
import io.contingo.notification.subscriber.SubscriberLinks;
import io.contingo.notification.subscriber.SubscriptionSettings;

/**
 * The two emails of subscribing ({@code templates/mail/subscription.html} and {@code .txt}): the confirmation link
 * to a new address, and a link to manage the subscription to an address that is subscribed already. In the
 * language chosen, every value escaped.
 */
@Component
class SubscriptionMails {

    record Mail(String subject, String text, String html) {
    }

    private final TemplateEngine templates;
    private final MessageSource messages;
    private final SubscriptionSettings settings;
    private final SubscriberLinks links;
    private final FollowableComponents followable;

    SubscriptionMails(TemplateEngine templates, MessageSource messages, SubscriptionSettings settings, SubscriberLinks links,
            FollowableComponents followable) {
        this.templates = templates;
        this.messages = messages;
        this.settings = settings;
        this.links = links;
        this.followable = followable;
    }

    Mail confirmation(SubscriptionRequest request, String token) {
        Locale locale = Locale.forLanguageTag(request.locale());
        Context context = context("CONFIRM", locale, request.components());
        context.setVariable("link", settings.base() + "/subscribe/confirm?token=" + token);
        context.setVariable("until", DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT).withLocale(locale)
                .withZone(ZoneId.of(request.timeZone())).format(request.expiresAt()));
        context.setVariable("zone", request.timeZone());
        return write("CONFIRM", locale, context);
    }

    Mail alreadySubscribed(Subscriber subscriber) {
        Locale locale = subscriber.language();
        Context context = context("ALREADY", locale, subscriber.components());
        context.setVariable("link", links.manageUrl(subscriber.id()));
        context.setVariable("manageLink", links.manageUrl(subscriber.id()));
        context.setVariable("unsubscribeLink", links.unsubscribeUrl(subscriber.id()));
        return write("ALREADY", locale, context);
    }

    /** The names of the components followed, or null for all of them. */
    List<String> names(List<String> components) {
        if (components.contains(Subscriber.ALL_COMPONENTS)) {
            return null;
        }
        Map<String, String> names = followable.names();
        return components.stream().map(id -> names.getOrDefault(id, id)).toList();
    }

    private Context context(String kind, Locale locale, List<String> components) {
        Context context = new Context(locale);
        context.setVariable("kind", kind);
        context.setVariable("services", names(components));
        return context;
    }

    private Mail write(String kind, Locale locale, Context context) {
        return new Mail(messages.getMessage("mail.subscription.subject." + kind, null, locale),
                templates.process("mail/subscription.txt", context), templates.process("mail/subscription", context));
    }
}
