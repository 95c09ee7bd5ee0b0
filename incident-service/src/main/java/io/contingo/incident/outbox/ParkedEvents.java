package io.contingo.incident.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Events the broker can never take (a record over its size limit): each is kept in {@value #COLLECTION} with the
 * reason, counted in the metric {@value #METRIC} and logged as an error, and leaves the outbox, so that the events
 * behind it (of every incident and component) go out instead of waiting forever.
 */
@Component
public class ParkedEvents {

    static final String COLLECTION = "outbox_parked";
    static final String METRIC = "contingo.outbox.parked";
    /** Above this the event itself is not kept (a MongoDB document holds 16 MiB): its id, topic and size are. */
    private static final int KEPT_PAYLOAD_BYTES = 8 * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(ParkedEvents.class);

    private final MongoTemplate mongo;
    private final MeterRegistry metrics;
    private final Clock clock;

    ParkedEvents(MongoTemplate mongo, MeterRegistry metrics, Clock clock) {
        this.mongo = mongo;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Whether a failed send can never succeed, however often it is tried. */
    static boolean neverSendable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException
                    || cause instanceof InvalidTopicException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Keeps the event that could not be sent, with why, and raises the alarm. Throws when it could not be kept: the
     * caller must then leave the event in the outbox.
     */
    void park(ProducerRecord<String, byte[]> record, String eventId, Class<?> source, Object documentId, Throwable failure) {
        String reason = rootMessage(failure);
        Document parked = new Document("_id", eventId).append("topic", record.topic()).append("key", record.key())
                .append("source", mongo.getCollectionName(source)).append("documentId", documentId)
                .append("bytes", record.value().length).append("reason", reason).append("parkedAt", Date.from(clock.instant()));
        if (record.value().length <= KEPT_PAYLOAD_BYTES) {
            parked.append("payload", new String(record.value(), StandardCharsets.UTF_8));
        }
        try {
            mongo.getCollection(COLLECTION).insertOne(parked);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return; // parked by an earlier round that failed before removing it from the outbox
            }
            throw e; // not kept: the event stays in the outbox, to be parked on a later round
        }
        Counter.builder(METRIC).description("Events the broker can never take, kept in " + COLLECTION + " instead of sent")
                .tag("topic", record.topic()).register(metrics).increment();
        log.error("Parked event {} for {} ({} bytes) in {}: the broker will never take it ({}). The events behind it go on.",
                eventId, record.topic(), record.value().length, COLLECTION, reason);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
