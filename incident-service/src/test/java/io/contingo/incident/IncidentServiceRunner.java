package io.contingo.incident;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.contingo.devstack.FreePorts;
import io.contingo.devstack.TestInfrastructure;

/**
 * Starts incident-service for a test on the real broker and MongoDB-wire server, in a namespace of its own
 * (topics and database suffixed), so that tests never see each other's messages. The same namespace can be
 * started again after a stop: same topics, consumer group and database.
 */
public final class IncidentServiceRunner {

    private static final AtomicInteger namespaces = new AtomicInteger();

    private final String suffix;
    private final String bootstrap;
    /** How the test's own clients connect: the broker, and a login where it asks for one. */
    private final Map<String, Object> client;
    private final Map<String, Object> extra = new HashMap<>();
    private int port;

    private IncidentServiceRunner(String suffix, String bootstrap) {
        this(suffix, Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private IncidentServiceRunner(String suffix, Map<String, Object> client) {
        this.suffix = suffix;
        this.bootstrap = (String) client.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
        this.client = Map.copyOf(client);
    }

    /** A fresh namespace on the devstack's parts started in this JVM. */
    public static IncidentServiceRunner onDevstack() {
        return new IncidentServiceRunner("-t" + namespaces.incrementAndGet() + "-" + ProcessHandle.current().pid(),
                TestInfrastructure.kafkaBootstrapServers()).mongo(TestInfrastructure.mongoUri("incident"));
    }

    /**
     * A fresh namespace on the devstack's broker that asks for a SASL PLAIN login, the service given it only through
     * {@code spring.kafka.security.protocol} and {@code spring.kafka.properties.sasl.*}, as an operator would.
     */
    public static IncidentServiceRunner onSaslDevstack() {
        Map<String, Object> client = TestInfrastructure.saslKafkaClientProperties();
        IncidentServiceRunner runner = new IncidentServiceRunner("-s" + namespaces.incrementAndGet() + "-" + ProcessHandle.current().pid(), client)
                .mongo(TestInfrastructure.mongoUri("incident"));
        return runner.with("spring.kafka.security.protocol", client.get("security.protocol"))
                .with("spring.kafka.properties.sasl.mechanism", client.get("sasl.mechanism"))
                .with("spring.kafka.properties.sasl.jaas.config", client.get("sasl.jaas.config"));
    }

    /** A fresh namespace on the given broker and MongoDB (Testcontainers). */
    public static IncidentServiceRunner on(String bootstrap, String mongoUri) {
        return new IncidentServiceRunner("-tc" + namespaces.incrementAndGet(), bootstrap).mongo(mongoUri);
    }

    private IncidentServiceRunner mongo(String uriWithDatabase) {
        extra.put("spring.mongodb.uri", uriWithDatabase + suffix.replace('-', '_'));
        return this;
    }

    /** A setting of the service, as on its command line. */
    public IncidentServiceRunner with(String key, Object value) {
        extra.put(key, value);
        return this;
    }

    public String topic(String name) {
        return name + suffix;
    }

    public ConfigurableApplicationContext start() {
        return start(new Class<?>[0]);
    }

    /** Starts the service with configuration classes of the test added to it (failure injection, probes). */
    public ConfigurableApplicationContext start(Class<?>... extraSources) {
        port = port == 0 ? FreePorts.next() : port;
        Map<String, Object> props = new HashMap<>(extra);
        props.put("server.port", port);
        props.put("spring.kafka.bootstrap-servers", bootstrap);
        props.put("spring.cloud.stream.bindings.onHealthEvent-in-0.destination", topic("health-events"));
        props.put("spring.cloud.stream.kafka.bindings.onHealthEvent-in-0.consumer.dlq-name", topic("health-events") + ".dlq");
        props.put("contingo.outbox.incident-events-topic", topic("incident-events"));
        props.put("contingo.outbox.component-status-topic", topic("component-status"));
        props.put("contingo.catalog.topic", topic("site-catalog"));
        props.put("contingo.drp.commands-topic", topic("drp-commands"));
        props.put("contingo.drp.events-topic", topic("drp-events"));
        props.put("spring.cloud.stream.kafka.binder.consumer-properties.auto.offset.reset", "earliest");
        props.putIfAbsent("contingo.incidents.monitoring-period", "1s");
        // as command-line arguments: they take precedence over application.yml
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        Class<?>[] sources = new Class<?>[extraSources.length + 1];
        sources[0] = IncidentServiceApplication.class;
        System.arraycopy(extraSources, 0, sources, 1, extraSources.length);
        return new SpringApplicationBuilder(sources).run(args);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public void send(String topicName, String key, String value) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>(topic(topicName), key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends records (key, value) in this order with one producer, all at once: they reach the broker together. */
    public void sendAll(String topicName, List<String[]> records) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 50);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (String[] record : records) {
                sent.add(producer.send(new ProducerRecord<>(topic(topicName), record[0], record[1])));
            }
            for (java.util.concurrent.Future<?> f : sent) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A consumer of one of this namespace's topics, reading from the beginning. */
    public KafkaConsumer<String, String> reader(String topicName) {
        return readerOf(topic(topicName));
    }

    /** A consumer of the dead-letter topic of one of this namespace's topics. */
    public KafkaConsumer<String, String> deadLetterReader(String topicName) {
        return readerOf(topic(topicName) + ".dlq");
    }

    private KafkaConsumer<String, String> readerOf(String fullTopic) {
        return TestInfrastructure.reader(client, fullTopic);
    }

    /** Everything a reader gets within one short poll round. */
    public static List<ConsumerRecord<String, String>> poll(KafkaConsumer<String, String> consumer) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        return records;
    }
}
