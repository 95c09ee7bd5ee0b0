package io.contingo.notification.paging;

import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import io.contingo.notification.webhookqueue.WebhookQueue;
import io.contingo.starter.address.AddressRange;
import io.contingo.starter.address.DenyList;
import io.contingo.starter.address.TargetRefusedException;

/**
 * Posts the pages' webhooks ({@link PageWebhook}) through a {@link WebhookQueue}, with the retries of
 * {@code contingo.paging}. The operator's own addresses (private, loopback) are taken, as for the monitors, but never
 * one in the deny-list (its built-in ranges and {@code denied-ranges}): each call's host is judged before it is
 * made, and the call connects only to the addresses judged. With a {@code webhook-secret} each call is signed as the
 * customers' webhooks are.
 */
@Component
class WebhookRelay extends WebhookQueue<PageWebhook> {

    private final DenyList denyList;
    private final String secret;

    WebhookRelay(MongoTemplate mongo, PagingSettings settings) {
        super("page-webhooks", mongo, PageWebhook.class,
                new Retries(settings.webhookAttempts(), settings.firstRetryDelay(), settings.webhookTimeout()), "Contingo paging");
        this.denyList = DenyList.withBuiltIns(settings.deniedRanges().stream().map(AddressRange::valueOf).toList());
        this.secret = settings.webhookSecret();
    }

    @Override
    protected Optional<Post> prepare(PageWebhook call) throws Refused {
        String host = URI.create(call.url()).getHost();
        if (host == null) {
            throw new Refused("No host in the address");
        }
        try {
            return Optional.of(new Post(denyList.resolve(host), secret, Map.of()));
        } catch (TargetRefusedException e) {
            throw new Refused("The address is refused: " + e.getMessage());
        } catch (UnknownHostException e) {
            throw new Refused("Unknown host " + host);
        }
    }
}
