package io.contingo.notification.delivery;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import io.contingo.starter.text.ReadableDuration;

/** {@code /deliveries} (ADMIN): the delivery log, newest first, in the operator's time zone. */
@Controller
class DeliveryLogController {

    private final MongoTemplate mongo;
    private final NotificationSettings settings;

    DeliveryLogController(MongoTemplate mongo, NotificationSettings settings) {
        this.mongo = mongo;
        this.settings = settings;
    }

    @GetMapping("/deliveries")
    String deliveries(Model model, Locale locale, java.security.Principal user) {
        model.addAttribute("user", user == null ? null : user.getName());
        model.addAttribute("deliveries", mongo.find(new Query().with(Sort.by(Sort.Direction.DESC, "createdAt")).limit(200), Delivery.class));
        model.addAttribute("time", DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.MEDIUM)
                .withLocale(locale).withZone(settings.timeZone()));
        model.addAttribute("zone", settings.timeZone().getId() + " ("
                + DateTimeFormatter.ofPattern("zzz").withLocale(locale).withZone(settings.timeZone()).format(Instant.now()) + ")");
        model.addAttribute("groupWait", ReadableDuration.of(settings.groupWait()));
        return "deliveries/list";
    }
}
