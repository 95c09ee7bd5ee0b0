package io.contingo.notification.paging;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.contingo.events.AgentPaged;
import io.contingo.notification.delivery.Outbox;

/**
 * {@code onAgentPaged}: a support agent is paged (topic {@code paging-events}, read by nothing else of this service).
 * The page is emailed to that agent alone, through the delivery outbox (id {@code pageId/page}, no unsubscribe headers:
 * the agent is no subscriber), and each of the agent's webhooks gets a {@link PageWebhook} (generic JSON or Slack's
 * body) that the {@link WebhookRelay} posts. Both ids are unique, so a page delivered twice, a restart or a second
 * instance sends nothing twice. Nothing here reads the subscribers, and the customer emails never read this topic.
 */
@Configuration(proxyBeanMethods = false)
class AgentPagesListener {

    private static final Logger log = LoggerFactory.getLogger(AgentPagesListener.class);

    @Bean
    Consumer<AgentPaged> onAgentPaged(Outbox outbox, PageMessages messages, MongoTemplate mongo, WebhookRelay webhooks) {
        Clock clock = Clock.systemUTC();
        return page -> {
            if (page.email() != null && !page.email().isBlank()) {
                PageMessages.Mail mail = messages.mail(page);
                outbox.queue(page.eventId() + "/page", "PAGE", null, page.email(), mail.subject(), mail.text(), mail.html());
            }
            List<AgentPaged.Webhook> hooks = page.webhooks();
            Instant now = clock.instant();
            for (int i = 0; i < hooks.size(); i++) {
                AgentPaged.Webhook hook = hooks.get(i);
                String body = hook.kind() == AgentPaged.Webhook.Kind.SLACK ? messages.slackBody(page) : messages.genericBody(page);
                try {
                    mongo.insert(new PageWebhook(page.eventId() + "/webhook/" + i, hook.url(), hook.kind().name(), body,
                            PageWebhook.Status.PENDING, 0, now, null, now, null));
                } catch (DuplicateKeyException queuedBefore) {
                    // the same page delivered again: its call is queued or made already
                }
            }
            if (!hooks.isEmpty()) {
                webhooks.wake();
            }
            log.info("Page {} for {} (level {}): email{} queued", page.eventId(), page.agent(), page.level(),
                    hooks.isEmpty() ? "" : " and " + hooks.size() + " webhook(s)");
        };
    }
}
