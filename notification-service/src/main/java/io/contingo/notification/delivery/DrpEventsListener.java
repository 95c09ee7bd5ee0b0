package io.contingo.notification.delivery;

import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.contingo.events.DrpEvent;

/**
 * {@code onDrpEvent}: queues the emails a DRP event makes ({@link DrpEmails}): customers when the site serving them
 * changes, managers when a run waits for their approval. Writing deliveries is the only effect: a redelivered event
 * changes nothing, and the {@link MailRelay} sends them.
 */
@Configuration
class DrpEventsListener {

    @Bean
    Consumer<DrpEvent> onDrpEvent(DrpEmails emails, MailRelay relay) {
        return event -> {
            if (emails.queue(event) > 0) {
                relay.wake();
            }
        };
    }
}
