package io.contingo.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One Kafka broker and one MongoDB-wire server per test JVM, on free ports, started on first use and
 * stopped when the JVM exits. Integration tests of every service run on these real parts; Spring tests
 * point their properties at {@link #kafkaBootstrapServers()} and {@link #mongoUri(String)}.
 */
public final class TestInfrastructure {

    private static KafkaBroker kafka;
    private static KafkaBroker saslKafka;
    private static MongoWireServer mongo;

    private TestInfrastructure() {
    }

    public static synchronized String kafkaBootstrapServers() {
        if (kafka == null) {
            try {
                kafka = KafkaBroker.startTemporary();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the test Kafka broker", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "test-kafka-shutdown"));
        }
        return kafka.bootstrapServers();
    }

    /**
     * A second test broker whose listener asks for SASL PLAIN and takes only {@link KafkaBroker.Login#TEST}, started on
     * first use; the connection settings of a client with that login ({@link KafkaBroker#clientProperties()}).
     */
    public static synchronized Map<String, Object> saslKafkaClientProperties() {
        if (saslKafka == null) {
            try {
                saslKafka = KafkaBroker.startTemporary(KafkaBroker.Login.TEST);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the test Kafka broker with SASL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(saslKafka::close, "test-sasl-kafka-shutdown"));
        }
        return saslKafka.clientProperties();
    }

    /** A consumer of {@code topic} on the test broker, in a group of its own, reading from the beginning. */
    public static KafkaConsumer<String, String> reader(String topic) {
        return reader(kafkaBootstrapServers(), topic);
    }

    /** A consumer of {@code topic} on the broker at {@code bootstrap}, in a group of its own, reading from the beginning. */
    public static KafkaConsumer<String, String> reader(String bootstrap, String topic) {
        return reader(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), topic);
    }

    /** A consumer of {@code topic} connected as {@code clientProperties} say, in a group of its own, reading from the beginning. */
    public static KafkaConsumer<String, String> reader(Map<String, Object> clientProperties, String topic) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /** Publishes one record, key and value as text, on the test broker, and waits until the broker has it. */
    public static void publish(String topic, String key, String value) {
        publish(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers()), topic, key, value);
    }

    /** Publishes one record, key and value as text, connected as {@code clientProperties} say, and waits until the broker has it. */
    public static void publish(Map<String, Object> clientProperties, String topic, String key, String value) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing on " + topic, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Could not publish on " + topic, e.getCause());
        }
    }

    /** A connection string for {@code database} on the shared MongoDB-wire server (data in memory). */
    public static synchronized String mongoUri(String database) {
        if (mongo == null) {
            mongo = MongoWireServer.startInMemory();
            Runtime.getRuntime().addShutdownHook(new Thread(mongo::close, "test-mongo-shutdown"));
        }
        return mongo.uri() + "/" + database;
    }
}
