package io.contingo.notification.delivery;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.contingo.notification.listing.Listing;
import io.contingo.notification.subscriber.Subscriber;

import io.contingo.starter.text.ReadableDuration;

/**
 * {@code /deliveries} (ADMIN): the delivery log, newest first, in the operator's time zone; an email that went (or may
 * have gone) out can be sent again from it, with the same Message-ID.
 */
@Controller
class DeliveryLogController {

    private final MongoTemplate mongo;
    private final NotificationSettings settings;
    private final MailRelay relay;

    DeliveryLogController(MongoTemplate mongo, NotificationSettings settings, MailRelay relay) {
        this.mongo = mongo;
        this.settings = settings;
        this.relay = relay;
    }

    /** Sends one email again, unless it is a customer's and the customer has left since. */
    @PostMapping("/deliveries/resend")
    String resend(@RequestParam String id, RedirectAttributes flash) {
        Delivery delivery = mongo.findById(id, Delivery.class);
        boolean left = delivery != null && delivery.subscriberId() != null && !mongo.exists(
                Query.query(Criteria.where("_id").is(delivery.subscriberId())), Subscriber.class);
        boolean queued = delivery != null && !left && relay.resend(id);
        flash.addFlashAttribute("resent", queued ? "queued" : left ? "left" : "notNow");
        flash.addFlashAttribute("resentTo", delivery == null ? null : delivery.recipient());
        return "redirect:/deliveries";
    }

    /**
     * A page of the log, newest first; {@code q}: a part of the recipient or the subject; {@code subscriber}: one
     * subscriber's emails only (from the subscriber list).
     */
    @GetMapping("/deliveries")
    String deliveries(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) String subscriber,
            @RequestParam(defaultValue = "1") int page, Model model, Locale locale, java.security.Principal user) {
        String search = Listing.search(q);
        Query query = Listing.containing(search, "recipient", "subject");
        if (subscriber != null && !subscriber.isBlank()) {
            query.addCriteria(Criteria.where("subscriberId").is(subscriber));
        }
        Listing<Delivery> deliveries = Listing.of(mongo, query, page, Delivery.class);
        model.addAttribute("user", user == null ? null : user.getName());
        model.addAttribute("q", search);
        model.addAttribute("subscriber", subscriber == null || subscriber.isBlank() ? null : subscriber);
        Subscriber whose = subscriber == null ? null : mongo.findById(subscriber, Subscriber.class);
        model.addAttribute("whose", whose == null ? subscriber : whose.email());
        model.addAttribute("listing", deliveries);
        model.addAttribute("deliveries", deliveries.items());
        model.addAttribute("time", DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.MEDIUM)
                .withLocale(locale).withZone(settings.timeZone()));
        model.addAttribute("zone", settings.timeZone().getId() + " ("
                + DateTimeFormatter.ofPattern("zzz").withLocale(locale).withZone(settings.timeZone()).format(Instant.now()) + ")");
        model.addAttribute("groupWait", ReadableDuration.of(settings.groupWait()));
        return "deliveries/list";
    }
}
