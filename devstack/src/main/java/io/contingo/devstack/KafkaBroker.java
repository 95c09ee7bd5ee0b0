package io.contingo.devstack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

import io.contingo.events.Topics;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * The real Apache Kafka broker (KRaft, one node acting as broker and controller) running in this JVM,
 * on a given port, keeping its log under a directory so that messages and offsets survive a restart.
 * Its client listener is PLAINTEXT, or SASL_PLAINTEXT with the PLAIN mechanism when started with a {@link Login}:
 * then a client without that login is refused.
 */
public final class KafkaBroker implements AutoCloseable {

    /** Partitions of every platform topic and of its dead-letter topic. */
    public static final int PARTITIONS = 3;

    /** A user and password the broker's SASL listener takes (PLAIN); the broker itself uses it too. */
    public record Login(String username, String password) {

        /** TEST CREDENTIALS ONLY, for a broker on loopback started by a test: never a real account. */
        public static final Login TEST = new Login("contingo", "contingo-test-only");

        /** {@code sasl.jaas.config} of a client logging in as this user. */
        public String jaasConfig() {
            return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + username
                    + "\" password=\"" + password + "\";";
        }
    }

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Login login;

    private KafkaBroker(KafkaRaftServer server, String bootstrapServers, Login login) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.login = login;
    }

    /** Starts a broker on {@code port} (controller on {@code controllerPort}) with its log under {@code dir}. */
    public static KafkaBroker start(Path dir, int port, int controllerPort) throws IOException {
        return start(dir, port, controllerPort, null);
    }

    /**
     * Starts a broker on {@code port} (controller on {@code controllerPort}) with its log under {@code dir}; with a
     * {@code login}, its client listener asks for SASL PLAIN and takes only that login (null: PLAINTEXT, no login).
     */
    public static KafkaBroker start(Path dir, int port, int controllerPort, Login login) throws IOException {
        Path logDir = dir.resolve("log");
        Files.createDirectories(logDir);
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        String listener = login == null ? "PLAINTEXT" : "SASL_PLAINTEXT";
        props.put("listeners", listener + "://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", listener + "://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", listener);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
        if (login != null) {
            props.put("sasl.enabled.mechanisms", "PLAIN");
            props.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
            // the users the listener takes (user_<name>="<password>"), and the broker's own login among them
            props.put("listener.name.sasl_plaintext.plain.sasl.jaas.config",
                    "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + login.username()
                            + "\" password=\"" + login.password() + "\" user_" + login.username() + "=\"" + login.password() + "\";");
        }
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        props.put("num.partitions", String.valueOf(PARTITIONS));
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "true");
        format(dir, props);

        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        KafkaBroker broker = new KafkaBroker(server, "127.0.0.1:" + port, login);
        broker.createPlatformTopics();
        return broker;
    }

    /** Starts a throw-away broker on free ports, its log in a temporary directory (for tests). */
    public static KafkaBroker startTemporary() throws IOException {
        return start(Files.createTempDirectory("contingo-kafka"), FreePorts.next(), FreePorts.next());
    }

    /** Starts a throw-away broker on free ports whose client listener asks for SASL PLAIN and takes only {@code login}. */
    public static KafkaBroker startTemporary(Login login) throws IOException {
        return start(Files.createTempDirectory("contingo-kafka"), FreePorts.next(), FreePorts.next(), login);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** What a client needs to connect: where the broker is and, on a SASL listener, how to log in. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        if (login != null) {
            properties.put(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
            properties.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
            properties.put(SaslConfigs.SASL_JAAS_CONFIG, login.jaasConfig());
        }
        return properties;
    }

    /** Creates the topics of the platform and their {@code .dlq} topics; existing ones are kept as they are. */
    public void createPlatformTopics() {
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : Topics.ALL) {
            topics.add(new NewTopic(topic, PARTITIONS, (short) 1));
            topics.add(new NewTopic(Topics.deadLetter(topic), PARTITIONS, (short) 1));
        }
        try (Admin admin = Admin.create(clientProperties())) {
            admin.createTopics(topics).values().values().forEach(KafkaBroker::awaitCreated);
        }
    }

    private static void awaitCreated(org.apache.kafka.common.KafkaFuture<Void> creation) {
        try {
            creation.get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create a platform topic", e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        }
    }

    private static void format(Path dir, Properties props) throws IOException {
        if (Files.exists(dir.resolve("log/meta.properties"))) {
            return; // formatted by an earlier start: keep its cluster id and data
        }
        Path config = dir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            props.store(out, "Generated by the Contingo devstack");
        }
        String clusterId = Uuid.randomUuid().toString();
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        int rc = StorageTool.execute(new String[] {
                "format", "-t", clusterId, "-c", config.toString(), "--ignore-formatted" }, quiet);
        if (rc != 0) {
            throw new IllegalStateException("Formatting the Kafka storage under " + dir + " failed (exit code " + rc + ")");
        }
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
