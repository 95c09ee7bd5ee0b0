package io.contingo.notification.subscription;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

import io.contingo.notification.subscriber.Subscriber;
import io.contingo.notification.subscriber.SubscriberLinks;
import io.contingo.notification.webhook.Webhooks;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /subscribe/webhook} (public): a customer gives an HTTPS address instead of an email and the components to
 * follow, and gets Statuspage-shaped webhooks there. Nothing to confirm by email: the page that answers shows the
 * signing secret, once, and the link to leave. The address must pass the monitors' deny-list and be public
 * ({@link Webhooks#problemWith}); the same per-client rate limit as the email form.
 */
@Controller
class WebhookSubscriptionController {

    private final Webhooks webhooks;
    private final SubscribeRateLimit limit;
    private final FollowableComponents followable;
    private final SubscriberLinks links;

    WebhookSubscriptionController(Webhooks webhooks, SubscribeRateLimit limit, FollowableComponents followable, SubscriberLinks links) {
        this.webhooks = webhooks;
        this.limit = limit;
        this.followable = followable;
        this.links = links;
    }

    @GetMapping("/subscribe/webhook")
    String form(Model model) {
        model.addAttribute("form", new WebhookForm("", List.of()));
        return page(model);
    }

    @PostMapping("/subscribe/webhook")
    String subscribe(@Validated @ModelAttribute("form") WebhookForm form, BindingResult errors, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        if (!limit.fromClient(request.getRemoteAddr())) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader("Retry-After", String.valueOf(SubscribeRateLimit.WINDOW.toSeconds()));
            model.addAttribute("key", "tooMany");
            return "subscribe/message";
        }
        if (!errors.hasFieldErrors("components") && form.components() != null
                && !followable.allKnown(form.components().stream().filter(c -> !Subscriber.ALL_COMPONENTS.equals(c)).toList())) {
            errors.rejectValue("components", "unknown");
        }
        if (!errors.hasFieldErrors("url")) {
            webhooks.problemWith(form.url()).ifPresent(problem -> errors.rejectValue("url", problem));
        }
        if (errors.hasErrors()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("urlProblem", errors.hasFieldErrors("url") ? errors.getFieldError("url").getCode() : null);
            return page(model);
        }
        Webhooks.Created created = webhooks.subscribe(form.url(), form.components());
        model.addAttribute("url", created.subscriber().url());
        model.addAttribute("secret", created.secret());
        model.addAttribute("unsubscribeLink", links.unsubscribeUrl(created.subscriber().id()));
        response.setHeader("Cache-Control", "no-store"); // the secret is shown once: not kept by caches
        return "subscribe/webhook-created";
    }

    private String page(Model model) {
        model.addAttribute("sites", followable.sites());
        return "subscribe/webhook";
    }
}
