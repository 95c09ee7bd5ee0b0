package io.contingo.notification.admin;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.security.Principal;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.contingo.notification.delivery.NotificationSettings;
import io.contingo.notification.delivery.Outbox;
import io.contingo.notification.listing.Listing;
import io.contingo.notification.subscriber.Subscriber;
import io.contingo.notification.subscription.FollowableComponents;
import io.contingo.notification.webhook.WebhookSubscriber;
import io.contingo.notification.webhook.Webhooks;

/**
 * {@code /subscribers} (ADMIN): who is subscribed, by email and by webhook, newest first, a page at a time, searched by
 * a part of the address; each links to its deliveries, and an ADMIN can remove one (a POST with the CSRF token), which
 * also drops what is still waiting for it. Never shows a link token nor a webhook's secret.
 */
@Controller
class SubscriberAdminController {

    private static final Logger log = LoggerFactory.getLogger(SubscriberAdminController.class);

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final Webhooks webhooks;
    private final NotificationSettings settings;
    private final FollowableComponents followable;

    SubscriberAdminController(MongoTemplate mongo, Outbox outbox, Webhooks webhooks, NotificationSettings settings,
            FollowableComponents followable) {
        this.followable = followable;
        this.mongo = mongo;
        this.outbox = outbox;
        this.webhooks = webhooks;
        this.settings = settings;
    }

    @GetMapping("/subscribers")
    String subscribers(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "1") int wpage, Model model, Locale locale, Principal user) {
        String search = Listing.search(q);
        model.addAttribute("user", user == null ? null : user.getName());
        model.addAttribute("q", search);
        model.addAttribute("subscribers", Listing.of(mongo, Listing.containing(search, "email", "name"), page, Subscriber.class));
        model.addAttribute("webhooks", Listing.of(mongo, Listing.containing(search, "url"), wpage, WebhookSubscriber.class));
        model.addAttribute("names", followable.names()); // the components by the catalog's names
        model.addAttribute("time", DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale).withZone(settings.timeZone()));
        return "subscribers/list";
    }

    /** Removes one subscriber (email or webhook) and what is still waiting for them. */
    @PostMapping("/subscribers/remove")
    String remove(@RequestParam String id, @RequestParam(defaultValue = "") String q, RedirectAttributes flash, Principal user) {
        String removed = null;
        if (id.startsWith(WebhookSubscriber.ID_PREFIX)) {
            removed = webhooks.find(id).map(WebhookSubscriber::url).orElse(null);
            webhooks.unsubscribe(id);
        } else {
            Subscriber subscriber = mongo.findAndRemove(query(where("_id").is(id)), Subscriber.class);
            if (subscriber != null) {
                outbox.dropPending(id);
                removed = subscriber.email();
            }
        }
        if (removed != null) {
            log.info("Subscriber {} removed by {}", id, user == null ? "?" : user.getName());
        }
        flash.addFlashAttribute("removed", removed);
        flash.addFlashAttribute("notFound", removed == null);
        flash.addAttribute("q", q);
        return "redirect:/subscribers";
    }
}
