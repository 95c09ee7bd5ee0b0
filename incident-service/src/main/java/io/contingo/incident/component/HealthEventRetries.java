package io.contingo.incident.component;

import java.util.function.BiFunction;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;

import io.contingo.events.Topics;
import io.contingo.incident.outbox.EventProducer;

/**
 * What happens to a health event whose handling failed for a reason other than its content (those the listener
 * parks itself): the listener container, not the binder, retries it, from that event on, the events before it
 * being stored and committed.
 *
 * <ul>
 * <li>A passing failure of the database (unreachable, timed out, a write conflict that kept coming back) is
 * retried until it passes, however long that takes: 0.2 s after the first failure, then twice as long each time,
 * at most 5 s apart. Meanwhile the partition does not move on, and nothing is parked: the events are valid, and
 * the incidents they open are only late.</li>
 * <li>Any other failure (a defect) is tried as often as the binding's {@code max-attempts} says, with its back-off,
 * and then only that event is parked on {@code health-events.dlq} with the reason in its {@code x-} headers, as
 * the listener parks malformed ones; the events after it are handled.</li>
 * </ul>
 *
 * <p>Without this, the binder sends a failed poll to its error channel; in batch mode its dead-letter publisher
 * cannot write the natively decoded records, and the container's fallback then drops the whole poll after ten
 * attempts without a pause.
 */
@Configuration
class HealthEventRetries {

    /** Longest pause between two attempts while the database is away: well below max.poll.interval.ms. */
    static final long LONGEST_PAUSE_MS = 5_000;

    @Bean
    ListenerContainerWithDlqAndRetryCustomizer healthEventsErrorHandling(EventProducer producer) {
        return new ListenerContainerWithDlqAndRetryCustomizer() {

            @Override
            public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
                    BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> deadLetters, BackOff backOff) {
                DefaultErrorHandler handler = new DefaultErrorHandler((record, e) -> park(producer, record, deadLetters, e),
                        backOff == null ? new FixedBackOff(200, 2) : backOff);
                handler.setBackOffFunction((record, e) -> passing(e) ? untilItPasses() : null);
                container.setCommonErrorHandler(handler);
            }

            @Override
            public boolean retryAndDlqInBinding(String destinationName, String group) {
                return false;
            }
        };
    }

    private static BackOff untilItPasses() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(LONGEST_PAUSE_MS);
        return backOff;
    }

    /** Whether the failure is the database's passing absence or contention rather than a defect. */
    static boolean passing(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (e instanceof MalformedHealthEvent) {
                return false;
            }
            if (e instanceof DataAccessResourceFailureException || e instanceof TransientDataAccessException
                    || e instanceof RecoverableDataAccessException || e instanceof MongoSocketException
                    || e instanceof MongoTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static void park(EventProducer producer, ConsumerRecord<?, ?> record,
            BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> deadLetters, Exception failure) {
        Throwable reason = failure;
        while (reason.getCause() != null && (reason instanceof BatchListenerFailedException || reason.getClass().getName()
                .startsWith("org.springframework.") && !(reason instanceof org.springframework.dao.DataAccessException))) {
            reason = reason.getCause();
        }
        String deadLetterTopic = deadLetters == null ? Topics.deadLetter(record.topic()) : deadLetters.apply(record, failure).topic();
        HealthEventsListener.park(producer, record.topic(), record.partition(), record.offset(), record.key(),
                record.value() instanceof byte[] bytes ? bytes : null, deadLetterTopic, reason);
    }
}
