package io.contingo.notification.subscription;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.contingo.notification.delivery.NotificationSettings;
import io.contingo.notification.subscriber.Subscriber;
import io.contingo.notification.subscriber.SubscriberLinks;
import io.contingo.notification.subscriber.SubscriberLinks.Purpose;
import io.contingo.notification.subscriber.SubscriptionSettings;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The public pages of subscribing: {@code /subscribe} (the form, then "check your inbox"), {@code /subscribe/confirm}
 * (the link of the confirmation email), {@code /manage} (what a subscriber follows, to change) and
 * {@code /unsubscribe} (a GET shows a button and changes nothing; the POST, the button's or a mail client's one-click
 * RFC 8058 one, unsubscribes at once). Manage and unsubscribe links carry a signed token ({@link SubscriberLinks}).
 */
@Controller
class SubscriptionController {

    static final List<String> LANGUAGES = List.of("en", "es", "pt", "de");
    private static final List<String> ZONES = zones();

    private final SubscriptionManagement subscriptions;
    private final SubscribeRateLimit limit;
    private final FollowableComponents followable;
    private final SubscriberLinks links;
    private final SubscriptionSettings settings;
    private final ZoneId operatorZone;

    SubscriptionController(SubscriptionManagement subscriptions, SubscribeRateLimit limit, FollowableComponents followable,
            SubscriberLinks links, SubscriptionSettings settings, NotificationSettings notification) {
        this.subscriptions = subscriptions;
        this.limit = limit;
        this.followable = followable;
        this.links = links;
        this.settings = settings;
        this.operatorZone = notification.timeZone();
    }

    @GetMapping("/subscribe")
    String form(Locale locale, Model model) {
        String language = LANGUAGES.contains(locale.getLanguage()) ? locale.getLanguage() : "en";
        model.addAttribute("form", SubscribeForm.empty(language, operatorZone.getId()));
        return formPage(model, false);
    }

    @PostMapping("/subscribe")
    String subscribe(@Validated @ModelAttribute("form") SubscribeForm form, BindingResult errors, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        if (!limit.fromClient(request.getRemoteAddr())) {
            return tooMany(response, model);
        }
        check(form, errors);
        if (errors.hasErrors()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return formPage(model, true);
        }
        if (!limit.forAddress(form.email())) {
            return tooMany(response, model);
        }
        subscriptions.request(form);
        model.addAttribute("email", form.email().trim());
        model.addAttribute("hours", settings.confirmationValidity().toHours());
        return "subscribe/sent";
    }

    @GetMapping("/subscribe/confirm")
    String confirm(@RequestParam(required = false) String token, HttpServletResponse response, Model model) {
        SubscriptionManagement.Confirmation confirmation = subscriptions.confirm(token);
        switch (confirmation.outcome()) {
            case CONFIRMED -> model.addAttribute("manageLink", links.manageUrl(confirmation.subscriber().id()));
            case EXPIRED -> response.setStatus(HttpStatus.GONE.value());
            case NOT_VALID -> response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        model.addAttribute("hours", settings.confirmationValidity().toHours());
        return message(model, "confirm." + confirmation.outcome().name());
    }

    @GetMapping("/unsubscribe")
    String unsubscribePage(@RequestParam(required = false) String token, HttpServletResponse response, Model model) {
        Optional<Subscriber> subscriber = subscriber(Purpose.UNSUBSCRIBE, token, response);
        if (subscriber.isEmpty() && response.getStatus() == 410) { // a webhook subscriber's link: the address in the email's place
            subscriber = links.subscriberId(Purpose.UNSUBSCRIBE, token).flatMap(subscriptions::webhook)
                    .map(w -> new Subscriber(w.id(), w.url(), null, null, null, w.components(), true, w.createdAt()));
            subscriber.ifPresent(found -> response.setStatus(HttpStatus.OK.value()));
        }
        if (subscriber.isEmpty()) {
            return message(model, response.getStatus() == 400 ? "link.NOT_VALID" : "unsubscribe.GONE");
        }
        model.addAttribute("subscriber", subscriber.get());
        model.addAttribute("token", token);
        return "subscribe/unsubscribe";
    }

    /** The button's POST, or a mail client's one-click POST ({@code List-Unsubscribe=One-Click}, no CSRF token). */
    @PostMapping("/unsubscribe")
    String unsubscribe(@RequestParam(required = false) String token, HttpServletResponse response, Model model) {
        Optional<String> id = links.subscriberId(Purpose.UNSUBSCRIBE, token);
        if (id.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return message(model, "link.NOT_VALID");
        }
        subscriptions.unsubscribe(id.get()); // the same answer when already gone: nothing more is sent either way
        return message(model, "unsubscribe.DONE");
    }

    @GetMapping("/manage")
    String manage(@RequestParam(required = false) String token, HttpServletResponse response, Model model) {
        Optional<Subscriber> subscriber = subscriber(Purpose.MANAGE, token, response);
        if (subscriber.isEmpty()) {
            return message(model, response.getStatus() == 400 ? "link.NOT_VALID" : "unsubscribe.GONE");
        }
        Subscriber s = subscriber.get();
        model.addAttribute("form", new SubscribeForm(s.email(), s.components(), LANGUAGES.contains(s.locale()) ? s.locale() : "en",
                s.timeZone() == null ? "UTC" : s.timeZone()));
        return managePage(model, s, token, false);
    }

    @PostMapping("/manage")
    String change(@RequestParam(required = false) String token, @Validated @ModelAttribute("form") SubscribeForm form,
            BindingResult errors, HttpServletResponse response, Model model) {
        Optional<Subscriber> subscriber = subscriber(Purpose.MANAGE, token, response);
        if (subscriber.isEmpty()) {
            return message(model, response.getStatus() == 400 ? "link.NOT_VALID" : "unsubscribe.GONE");
        }
        check(form, errors);
        if (errors.hasFieldErrors("components") || errors.hasFieldErrors("language") || errors.hasFieldErrors("timeZone")) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return managePage(model, subscriber.get(), token, false);
        }
        Subscriber changed = subscriptions.change(subscriber.get(), form);
        return managePage(model, changed, token, true);
    }

    /** What Bean Validation cannot know: the zone exists, the components are in the catalog. */
    private void check(SubscribeForm form, BindingResult errors) {
        if (!errors.hasFieldErrors("timeZone") && !ZONES.contains(form.timeZone())) {
            errors.rejectValue("timeZone", "unknown");
        }
        if (!errors.hasFieldErrors("components") && form.components() != null
                && !followable.allKnown(form.components().stream().filter(c -> !Subscriber.ALL_COMPONENTS.equals(c)).toList())) {
            errors.rejectValue("components", "unknown");
        }
    }

    private Optional<Subscriber> subscriber(Purpose purpose, String token, HttpServletResponse response) {
        Optional<String> id = links.subscriberId(purpose, token);
        if (id.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return Optional.empty();
        }
        Optional<Subscriber> subscriber = subscriptions.subscriber(id.get());
        if (subscriber.isEmpty()) {
            response.setStatus(HttpStatus.GONE.value());
        }
        return subscriber;
    }

    private String formPage(Model model, boolean chosen) {
        model.addAttribute("sites", followable.sites());
        model.addAttribute("zones", ZONES);
        model.addAttribute("languages", LANGUAGES);
        model.addAttribute("zoneChosen", chosen);
        return "subscribe/form";
    }

    private String managePage(Model model, Subscriber subscriber, String token, boolean saved) {
        model.addAttribute("subscriber", subscriber);
        model.addAttribute("token", token);
        model.addAttribute("saved", saved);
        model.addAttribute("unsubscribeLink", links.unsubscribeUrl(subscriber.id()));
        formPage(model, true);
        return "subscribe/manage";
    }

    private String tooMany(HttpServletResponse response, Model model) {
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader("Retry-After", String.valueOf(SubscribeRateLimit.WINDOW.toSeconds()));
        return message(model, "tooMany");
    }

    private static String message(Model model, String key) {
        model.addAttribute("key", key);
        return "subscribe/message";
    }

    private static List<String> zones() {
        TreeSet<String> zones = new TreeSet<>();
        for (String id : ZoneId.getAvailableZoneIds()) {
            if (id.matches("(Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)/.+")) {
                zones.add(id);
            }
        }
        zones.add("UTC");
        return List.copyOf(zones);
    }
}
