package io.contingo.system;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.contingo.devstack.DemoDns;
import io.contingo.devstack.DemoSite;
import io.contingo.devstack.FreePorts;
import io.contingo.devstack.MailServer;

/**
 * The four services as processes of their own jars on one broker, one MongoDB-wire server, one SMTP server and the
 * demo sites, as {@code ./platform up} runs them; any of them can be killed (SIGKILL) and started again.
 */
final class Platform implements AutoCloseable {

    static final List<String> SERVICES = List.of("incident-service", "health-service", "notification-service", "report-service");

    private final Map<String, List<String>> arguments = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, ServiceProcess> running = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Platform(String kafka, String mongo, MailServer mail, DemoSite production, DemoSite contingency, DemoDns dns) {
        for (String service : SERVICES) {
            ports.put(service, FreePorts.next());
        }
        arguments.put("incident-service", List.of(
                "--spring.mongodb.uri=" + mongo + "/contingo-incident",
                "--contingo.incidents.monitoring-period=3s"));
        arguments.put("health-service", List.of(
                "--spring.mongodb.uri=" + mongo + "/contingo-health",
                "--contingo.demo.production-url=" + production.baseUrl(),
                "--contingo.demo.contingency-url=" + contingency.baseUrl(),
                "--contingo.demo.dns-server=127.0.0.1:" + dns.port()));
        arguments.put("notification-service", List.of(
                "--spring.mongodb.uri=" + mongo + "/contingo-notification",
                "--spring.mail.port=" + mail.smtpPort(),
                "--contingo.notification.status-page-url=" + url("incident-service")));
        arguments.put("report-service", List.of(
                "--spring.mongodb.uri=" + mongo + "/contingo-report"));
        arguments.replaceAll((service, own) -> {
            List<String> all = new java.util.ArrayList<>(List.of("--server.port=" + ports.get(service),
                    "--spring.kafka.bootstrap-servers=" + kafka));
            all.addAll(own);
            return List.copyOf(all);
        });
    }

    /** Sets options ({@code --name=value}) of a service's command line, replacing one of the same name; before it starts. */
    Platform set(String service, String... options) {
        List<String> all = new java.util.ArrayList<>(arguments.get(service));
        for (String option : options) {
            String name = option.substring(0, option.indexOf('=') + 1);
            all.removeIf(argument -> argument.startsWith(name));
            all.add(option);
        }
        arguments.put(service, List.copyOf(all));
        return this;
    }

    /** Starts every service and waits until each says it is up. */
    Platform startAll() throws IOException {
        for (String service : SERVICES) {
            running.put(service, ServiceProcess.start(service, arguments.get(service)));
        }
        SERVICES.forEach(this::awaitHealthy);
        return this;
    }

    String url(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    /** Kills the service at once (SIGKILL), as a crash or the OOM killer does. */
    void kill(String service) throws InterruptedException {
        running.remove(service).kill();
    }

    /** Starts a killed service again and waits until it is up. */
    void start(String service) throws IOException {
        running.put(service, ServiceProcess.start(service, arguments.get(service)));
        awaitHealthy(service);
    }

    void awaitHealthy(String service) {
        ServiceProcess process = running.get(service);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError(process.describe() + " exited during start-up");
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create(url(service) + "/actuator/health")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString()).body().contains("\"status\":\"UP\"");
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    @Override
    public void close() throws InterruptedException {
        for (ServiceProcess process : running.values()) {
            process.close();
        }
        running.clear();
    }
}
