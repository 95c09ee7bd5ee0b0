package io.contingo.incident.component;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

import io.contingo.events.HealthEvent;
import io.contingo.events.Topics;
import io.contingo.incident.outbox.EventProducer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code onHealthEvent}: consumes {@code health-events} a poll at a time (the binding's batch mode), so that
 * the engine reads the components of a whole poll at once and writes what they changed together. The payloads
 * are read here rather than by the framework, so that a message that is not a valid health event of a known
 * component is parked at once on {@code health-events.dlq} with the reason in its headers (retrying cannot mend
 * it), and the others of its poll are handled. When an event cannot be handled for another reason, the events
 * before it are stored and the container delivers it again with those after it ({@link HealthEventRetries}).
 */
@Configuration
class HealthEventsListener {

    private static final Logger log = LoggerFactory.getLogger(HealthEventsListener.class);

    @Bean
    Consumer<Message<List<byte[]>>> onHealthEvent(JsonMapper json, HandlingHealthEvents handling, EventProducer producer) {
        HealthEventReader reader = new HealthEventReader(json);
        return message -> {
            List<byte[]> payloads = message.getPayload();
            List<HealthEvent> events = new ArrayList<>(payloads.size());
            int[] positions = new int[payloads.size()];
            for (int i = 0; i < payloads.size(); i++) {
                try {
                    HealthEvent event = parse(reader, payloads.get(i));
                    handling.requireKnown(event.componentId());
                    positions[events.size()] = i;
                    events.add(event);
                } catch (MalformedHealthEvent e) {
                    park(producer, message.getHeaders(), i, payloads.get(i), e);
                }
            }
            try {
                handling.handle(events);
            } catch (HealthEventFailure e) {
                throw new BatchListenerFailedException(e.getMessage(), e.getCause(), positions[e.index()]);
            }
        };
    }

    static HealthEvent parse(HealthEventReader reader, byte[] payload) {
        if (payload == null || payload.length == 0) {
            throw new MalformedHealthEvent("Empty message: expected a health event", null);
        }
        try {
            HealthEvent event = reader.read(payload);
            if (event == null) { // the JSON literal null
                throw new MalformedHealthEvent("Not a valid health event: null", null);
            }
            return event;
        } catch (JacksonException e) {
            throw new MalformedHealthEvent("Not a valid health event: " + e.getOriginalMessage(), e);
        }
    }

    private static void park(EventProducer producer, MessageHeaders headers, int index, byte[] payload, MalformedHealthEvent error) {
        Object topic = element(headers.get(KafkaHeaders.RECEIVED_TOPIC), index);
        park(producer, topic == null ? Topics.HEALTH_EVENTS : topic.toString(), element(headers.get(KafkaHeaders.RECEIVED_PARTITION), index),
                element(headers.get(KafkaHeaders.OFFSET), index), element(headers.get(KafkaHeaders.RECEIVED_KEY), index), payload,
                Topics.deadLetter(topic == null ? Topics.HEALTH_EVENTS : topic.toString()), error);
    }

    /**
     * Writes a record of {@code topic} to the dead-letter topic as it came, with where it came from and why it is
     * parked in {@code x-} headers, and waits for the broker's acknowledgement.
     */
    static void park(EventProducer producer, String topic, Object partition, Object offset, Object key, byte[] payload,
            String deadLetterTopic, Throwable error) {
        String textKey = key instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : key == null ? null : key.toString();
        log.warn("Parking a message from {} partition {} offset {} on {}: {}", topic, partition, offset, deadLetterTopic,
                error.getMessage());
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(deadLetterTopic, textKey, payload == null ? new byte[0] : payload);
        header(dead, "x-exception-message", String.valueOf(error.getMessage()));
        header(dead, "x-exception-fqcn", error.getClass().getName());
        header(dead, "x-original-topic", topic);
        header(dead, "x-original-partition", String.valueOf(partition));
        header(dead, "x-original-offset", String.valueOf(offset));
        producer.send(dead);
    }

    /** A batch's headers hold one value per record, in the order of the payloads. */
    private static Object element(Object header, int index) {
        return header instanceof List<?> values ? (index < values.size() ? values.get(index) : null) : header;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
