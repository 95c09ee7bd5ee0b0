package io.contingo.notification.webhook;

import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.contingo.events.ComponentStatusChanged;

/**
 * {@code onComponentStatus}: a component's status changed; each webhook subscriber who follows it gets a Statuspage
 * {@code component_update} call. Emails are not sent for these: customers' emails follow incidents.
 */
@Configuration
class ComponentStatusListener {

    private static final Logger log = LoggerFactory.getLogger(ComponentStatusListener.class);

    @Bean
    Consumer<ComponentStatusChanged> onComponentStatus(Webhooks webhooks) {
        return change -> {
            int queued = webhooks.queue(change);
            if (queued > 0) {
                log.info("Queued {} webhook call(s) for {} ({} to {})", queued, change.componentId(), change.from(), change.to());
            }
        };
    }
}
