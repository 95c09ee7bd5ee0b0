package io.contingo.notification.webhook;

import java.net.URI;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.contingo.notification.subscriber.SubscriberLinks;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/**
 * {@code /api/subscribers/webhooks} (ADMIN): the webhook subscribers, never with their secrets; a POST subscribes one
 * for a customer and answers its secret, the only time it is given out.
 */
@RestController
class WebhookApiController {

    /** A webhook subscriber as the API shows it: no secret. */
    record WebhookView(String id, String url, List<String> components, java.time.Instant createdAt) {
    }

    /** What a POST asks: the receiver's address and the components ({@code "*"}: all). */
    record NewWebhook(@NotBlank @Size(max = 2000) String url, @NotEmpty @Size(max = 500) List<@NotBlank @Size(max = 200) String> components) {
    }

    /** The answer to a POST: the subscriber, its signing secret (once) and the link that unsubscribes it. */
    record CreatedWebhook(String id, String url, List<String> components, String secret, String unsubscribe) {
    }

    /** The answer when the address is refused: why, by the field. */
    record Refused(String field, String problem, String message) {
    }

    private final Webhooks webhooks;
    private final SubscriberLinks links;
    private final org.springframework.data.mongodb.core.MongoTemplate mongo;

    WebhookApiController(Webhooks webhooks, SubscriberLinks links, org.springframework.data.mongodb.core.MongoTemplate mongo) {
        this.webhooks = webhooks;
        this.links = links;
        this.mongo = mongo;
    }

    @GetMapping("/api/subscribers/webhooks")
    List<WebhookView> list() {
        return mongo.findAll(WebhookSubscriber.class).stream()
                .map(w -> new WebhookView(w.id(), w.url(), w.components(), w.createdAt())).toList();
    }

    @PostMapping("/api/subscribers/webhooks")
    ResponseEntity<?> subscribe(@Validated @RequestBody NewWebhook request) {
        var problem = webhooks.problemWith(request.url());
        if (problem.isPresent()) {
            return ResponseEntity.badRequest().body(new Refused("url", problem.get(),
                    "The webhook address is refused (" + problem.get() + "): it must be a public https:// address"));
        }
        Webhooks.Created created = webhooks.subscribe(request.url(), request.components());
        WebhookSubscriber s = created.subscriber();
        return ResponseEntity.created(URI.create("/api/subscribers/webhooks/" + s.id()))
                .header("Cache-Control", "no-store")
                .body(new CreatedWebhook(s.id(), s.url(), s.components(), created.secret(), links.unsubscribeUrl(s.id())));
    }
}
