package io.contingo.devstack;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts Contingo's local infrastructure in one JVM, on the platform's fixed ports: the Kafka broker (9092),
 * the MongoDB-wire server (27017, files under the data directory), the SMTP server (1025) with its web inbox
 * (8025), the demo sites production (8091) and contingency (8092), the demo entry URL (8090), the demo DNS
 * server (UDP 8053) and the identity provider the four services sign people in with (9000, {@link IdentityProvider}).
 * Stops everything cleanly on Ctrl-C / SIGTERM.
 *
 * <p>Options: {@code --data-dir DIR} (default {@code .data}), {@code --only demo-sites} (the demo sites alone,
 * as docker-compose runs them beside real Kafka, MongoDB and Mailpit), {@code --demo-bind ADDRESS} (default
 * 127.0.0.1; 0.0.0.0 in a container), {@code --seed-mongo URI} (where to add the demo customer; by default the
 * devstack's own MongoDB-wire server, none with {@code --only demo-sites}), {@code --webhook-secret S} (the
 * secret with which a DRP runbook signs its webhooks to the demo sites' database control and the entry URL's
 * switch; else the environment variable {@code CONTINGO_DRP_WEBHOOK_SECRET}; else the local demo value
 * {@link WebhookSignature#DEMO_SECRET}).
 *
 * <p>The entry URL keeps where it points in {@code entry-target} under the data directory, so that a restart
 * keeps it.
 */
public final class DevStack {

    private static final Logger log = LoggerFactory.getLogger(DevStack.class);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(8);

    private DevStack() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(option(args, "--data-dir", ".data"));
        boolean demoSitesOnly = "demo-sites".equals(option(args, "--only", ""));
        String bind = option(args, "--demo-bind", "127.0.0.1");
        String seedMongo = option(args, "--seed-mongo", demoSitesOnly ? "" : "mongodb://127.0.0.1:27017");
        String webhookSecret = webhookSecret(args);
        List<AutoCloseable> started = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(started), "devstack-shutdown"));
        long start = System.nanoTime();
        try {
            Files.createDirectories(dataDir);
            if (!demoSitesOnly) {
                // stopped in reverse order: the MongoDB-wire store is closed (flushed) before the broker
                started.add(KafkaBroker.start(dataDir.resolve("kafka"), 9092, 9093));
                log.info("Kafka broker on localhost:9092, platform topics ready");
                started.add(MailServer.start(1025, 8025));
                log.info("SMTP server on localhost:1025, inbox on http://localhost:8025");
                started.add(MongoWireServer.start(dataDir.resolve("mongo/contingo.mv"), 27017));
                log.info("MongoDB-wire server on mongodb://localhost:27017 (data in {})", dataDir.resolve("mongo"));
            }
            if (!seedMongo.isEmpty()) {
                DemoCustomer.seed(seedMongo);
                log.info("Demo customer {} subscribed to every component", DemoCustomer.EMAIL);
            }
            DemoSite production = DemoSite.start("Production", bind, 8091, DemoSite.DatabaseRole.PRIMARY, webhookSecret);
            DemoSite contingency = DemoSite.start("Contingency", bind, 8092, DemoSite.DatabaseRole.MIRROR, webhookSecret);
            started.add(production);
            started.add(contingency);
            DemoEntry entry = DemoEntry.start(bind, 8090, production, contingency, webhookSecret, dataDir.resolve("entry-target"));
            started.add(entry);
            log.info("Demo sites: production http://localhost:8091, contingency http://localhost:8092, entry http://localhost:8090 "
                    + "(points at {} until a DRP switches it)", entry.target());
            if (WebhookSignature.DEMO_SECRET.equals(webhookSecret)) {
                log.warn("DRP webhooks are checked with the LOCAL DEMO secret; give --webhook-secret or CONTINGO_DRP_WEBHOOK_SECRET elsewhere");
            }
            // the sites' names resolve to where they listen: loopback, or in a container the address it is reached at
            String answer = "0.0.0.0".equals(bind) ? InetAddress.getLocalHost().getHostAddress() : bind;
            started.add(DemoDns.start(bind, 8053, answer, production, contingency));
            log.info("Demo DNS on udp://{}:8053: production.{} and contingency.{} resolve to {}", bind, DemoDns.ZONE, DemoDns.ZONE, answer);
            if (!demoSitesOnly) {
                // Spring Boot inside the devstack keeps the devstack's own logging configuration
                System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
                started.add(IdentityProvider.start(IdentityProvider.PORT, IdentityProvider.PLATFORM));
                log.info("Identity provider on http://localhost:{} (OpenID Connect; LOCAL DEMO people agent, manager, admin / demo)",
                        IdentityProvider.PORT);
            }
        } catch (Exception e) {
            log.error("The devstack could not start: {}", e.getMessage(), e);
            System.exit(1);
        }
        log.info("devstack ready in {} ms", Duration.ofNanos(System.nanoTime() - start).toMillis());
        Thread.currentThread().join(); // until the shutdown hook ends the JVM
    }

    /**
     * Stops the parts in reverse order, each within {@link #STOP_LIMIT}: the MongoDB-wire store is closed (and
     * flushed) even when another part is slow to stop.
     */
    private static void stopAll(List<AutoCloseable> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            AutoCloseable part = started.get(i);
            Thread stopping = Thread.ofPlatform().name("stop-" + part.getClass().getSimpleName()).start(() -> {
                try {
                    part.close();
                } catch (Exception e) {
                    log.warn("Stopping {} failed: {}", part.getClass().getSimpleName(), e.getMessage());
                }
            });
            try {
                if (!stopping.join(STOP_LIMIT)) {
                    log.warn("{} did not stop within {} s; going on", part.getClass().getSimpleName(), STOP_LIMIT.toSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        log.info("devstack stopped");
    }

    /** {@code --webhook-secret}, else {@code CONTINGO_DRP_WEBHOOK_SECRET}, else the local demo value. */
    private static String webhookSecret(String[] args) {
        String given = option(args, "--webhook-secret", "");
        if (!given.isBlank()) {
            return given;
        }
        String environment = System.getenv("CONTINGO_DRP_WEBHOOK_SECRET");
        return environment == null || environment.isBlank() ? WebhookSignature.DEMO_SECRET : environment;
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
