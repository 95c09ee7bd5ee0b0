package io.contingo.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's public entry URL. Like a DNS record or a load balancer, it does not watch the sites: it redirects
 * (302) every request to the site the last switch put it on, production until then, whatever that site's
 * health. A DRP runbook's switch-entry step moves it with {@code POST /control/target} and a JSON body
 * {@code {"site":"contingency"}} (or {@code "production"}), signed as {@link WebhookSignature} says;
 * {@code GET /control/state} tells where it points. Requests under {@code /control/} are never redirected.
 *
 * <p>Where it points is kept in a small file (the devstack's {@code .data/entry-target}), so that a restart
 * keeps it; without a file, in memory.
 */
public final class DemoEntry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DemoEntry.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DEFAULT_SITE = "production";

    /** Where the entry points, and since when. */
    private record Target(String site, Instant since) {

        String json() {
            return "{\"target\":\"" + site + "\",\"since\":\"" + since + "\"}\n";
        }
    }

    private final HttpServer server;
    private final Map<String, DemoSite> sites;
    private final String webhookSecret;
    private final Path targetFile;
    private volatile Target target;

    private DemoEntry(HttpServer server, Map<String, DemoSite> sites, String webhookSecret, Path targetFile, Target target) {
        this.server = server;
        this.sites = sites;
        this.webhookSecret = webhookSecret;
        this.targetFile = targetFile;
        this.target = target;
    }

    /** An entry pointing at production, kept in memory, whose switch asks for no signature (for tests). */
    public static DemoEntry start(String host, int port, DemoSite production, DemoSite contingency) throws IOException {
        return start(host, port, production, contingency, null, null);
    }

    /**
     * Listens on {@code host}. {@code POST /control/target} must be signed with {@code webhookSecret}
     * ({@code null}: no signature asked, for tests only). Where the entry points is read from and written to
     * {@code targetFile} ({@code null}: in memory, production at start).
     */
    public static DemoEntry start(String host, int port, DemoSite production, DemoSite contingency, String webhookSecret,
            Path targetFile) throws IOException {
        Map<String, DemoSite> sites = new LinkedHashMap<>();
        sites.put("production", production);
        sites.put("contingency", contingency);
        Target target = read(targetFile, sites);
        HttpServer server = Http.server(host, port);
        DemoEntry entry = new DemoEntry(server, Collections.unmodifiableMap(sites), webhookSecret, targetFile, target);
        server.createContext("/", entry::handle);
        server.start();
        return entry;
    }

    /** The site the entry points at: {@code production} or {@code contingency}. */
    public String target() {
        return target.site();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.startsWith("/control/")) {
            control(exchange, path.substring("/control/".length()));
            return;
        }
        DemoSite site = sites.get(target.site());
        String location = "http://localhost:" + site.port() + exchange.getRequestURI();
        exchange.getResponseHeaders().set("Location", location);
        Http.send(exchange, 302, "text/plain; charset=utf-8", "Served by the " + site.name() + " site: " + location + "\n");
    }

    private void control(HttpExchange exchange, String action) throws IOException {
        String method = exchange.getRequestMethod();
        if ("state".equals(action) && "GET".equals(method)) {
            Http.send(exchange, 200, "application/json", target.json());
        } else if ("target".equals(action) && "POST".equals(method)) {
            byte[] body = Http.body(exchange);
            if (WebhookSignature.refuses(exchange, webhookSecret, body)) {
                return;
            }
            String site = requestedSite(body);
            if (!sites.containsKey(site)) {
                Http.send(exchange, 400, "text/plain; charset=utf-8", "Send {\"site\":\"...\"} with one of the sites "
                        + String.join(", ", sites.keySet()) + (site.isEmpty() ? "" : "; there is no site \"" + site + "\"") + "\n");
                return;
            }
            Http.send(exchange, 200, "application/json", switchTo(site).json());
        } else {
            Http.send(exchange, 405, "text/plain; charset=utf-8",
                    "Use POST /control/target with {\"site\":\"production\"} or {\"site\":\"contingency\"} (signed), or GET /control/state\n");
        }
    }

    private static String requestedSite(byte[] body) {
        try {
            JsonNode site = JSON.readTree(body).path("site");
            return site.isString() ? site.asString() : "";
        } catch (JacksonException e) {
            return "";
        }
    }

    /** Points the entry at {@code site}; switching to where it already points keeps the time it has pointed there. */
    private synchronized Target switchTo(String site) throws IOException {
        if (!target.site().equals(site)) {
            Target switched = new Target(site, Instant.now());
            if (targetFile != null) {
                Path written = targetFile.resolveSibling(targetFile.getFileName() + ".tmp");
                Files.writeString(written, switched.site() + "\n" + switched.since() + "\n", StandardCharsets.UTF_8);
                Files.move(written, targetFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            target = switched;
            log.info("The entry URL now points at the {} site", site);
        }
        return target;
    }

    /** Where the file says the entry points: its first line is the site, its second since when. */
    private static Target read(Path targetFile, Map<String, DemoSite> sites) throws IOException {
        if (targetFile == null || !Files.exists(targetFile)) {
            return new Target(DEFAULT_SITE, Instant.now());
        }
        try {
            String[] lines = Files.readString(targetFile, StandardCharsets.UTF_8).strip().split("\n");
            if (lines.length == 2 && sites.containsKey(lines[0].strip())) {
                return new Target(lines[0].strip(), Instant.parse(lines[1].strip()));
            }
        } catch (DateTimeParseException e) {
            // told below
        }
        log.warn("{} does not say where the entry URL points; it points at {}", targetFile, DEFAULT_SITE);
        return new Target(DEFAULT_SITE, Instant.now());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
