package io.contingo.devstack;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * One of the demo datacenter sites: a few endpoints that the demo monitors watch, and a control API
 * ({@code POST /control/down[?mode=hang]}, {@code POST /control/up}, unsigned) to stage an outage.
 *
 * <p>The site also has a database that is either the {@link DatabaseRole#PRIMARY primary} or the
 * {@link DatabaseRole#MIRROR mirror}, reported by {@code GET /db/health} (a service endpoint, so it fails with
 * the site) and in {@code GET /control/state}. A DRP runbook's webhooks change it: {@code POST
 * /control/db/promote} and {@code POST /control/db/demote}, signed as {@link WebhookSignature} says when the
 * site has a webhook secret.
 */
public final class DemoSite implements AutoCloseable {

    /** What the site does with requests to its service endpoints. */
    public enum Mode {
        /** Answers normally. */
        UP,
        /** Answers 503 Service Unavailable. */
        DOWN,
        /** Accepts the connection and never answers (until brought up, or after {@link #HANG_LIMIT}). */
        HANG
    }

    /** What the site's database is in the pair: the one written to, or the copy kept of it. */
    public enum DatabaseRole {
        PRIMARY,
        MIRROR
    }

    static final Duration HANG_LIMIT = Duration.ofSeconds(60);

    /** The demo's service endpoints: path → the service a customer recognises. */
    static final Map<String, String> SERVICES = Map.of(
            "/web/", "Omnichannel web",
            "/api/health", "Customer API",
            "/telephony/health", "Telephony");

    private final String name;
    private final HttpServer server;
    private final String webhookSecret;
    private final Object modeChanged = new Object();
    private volatile Mode mode = Mode.UP;
    private volatile Instant since = Instant.now();
    private volatile DatabaseRole database;

    private DemoSite(String name, HttpServer server, DatabaseRole database, String webhookSecret) {
        this.name = name;
        this.server = server;
        this.database = database;
        this.webhookSecret = webhookSecret;
    }

    /** A site on loopback whose database starts primary and whose database control asks for no signature. */
    public static DemoSite start(String name, int port) throws IOException {
        return start(name, "127.0.0.1", port);
    }

    /** As {@link #start(String, int)}, listening on {@code host}. */
    public static DemoSite start(String name, String host, int port) throws IOException {
        return start(name, host, port, DatabaseRole.PRIMARY, null);
    }

    /** A site on loopback whose database starts as {@code database}; see {@link #start(String, String, int, DatabaseRole, String)}. */
    public static DemoSite start(String name, int port, DatabaseRole database, String webhookSecret) throws IOException {
        return start(name, "127.0.0.1", port, database, webhookSecret);
    }

    /**
     * Listens on {@code host} (loopback, or all interfaces in a container). The database starts as
     * {@code database}; {@code POST /control/db/...} must be signed with {@code webhookSecret} ({@code null}: no
     * signature asked, for tests only).
     */
    public static DemoSite start(String name, String host, int port, DatabaseRole database, String webhookSecret) throws IOException {
        HttpServer server = Http.server(host, port);
        DemoSite site = new DemoSite(name, server, database, webhookSecret);
        server.createContext("/", site::handle);
        server.start();
        return site;
    }

    public String name() {
        return name;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public Mode mode() {
        return mode;
    }

    public DatabaseRole database() {
        return database;
    }

    public void setMode(Mode newMode) {
        synchronized (modeChanged) {
            mode = newMode;
            since = Instant.now();
            modeChanged.notifyAll();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.startsWith("/control/")) {
            control(exchange, path.substring("/control/".length()));
            return;
        }
        switch (mode) {
            case DOWN -> Http.send(exchange, 503, "text/plain; charset=utf-8", name + " is down (demo outage)\n");
            case HANG -> hang(exchange);
            case UP -> serve(exchange, path);
        }
    }

    private void control(HttpExchange exchange, String action) throws IOException {
        String method = exchange.getRequestMethod();
        String query = exchange.getRequestURI().getQuery();
        if ("state".equals(action) && "GET".equals(method)) {
            Http.send(exchange, 200, "application/json", state());
        } else if ("down".equals(action) && "POST".equals(method)) {
            setMode(query != null && query.contains("mode=hang") ? Mode.HANG : Mode.DOWN);
            Http.send(exchange, 200, "application/json", state());
        } else if ("up".equals(action) && "POST".equals(method)) {
            setMode(Mode.UP);
            Http.send(exchange, 200, "application/json", state());
        } else if (("db/promote".equals(action) || "db/demote".equals(action)) && "POST".equals(method)) {
            if (WebhookSignature.refuses(exchange, webhookSecret, Http.body(exchange))) {
                return;
            }
            database = "db/promote".equals(action) ? DatabaseRole.PRIMARY : DatabaseRole.MIRROR;
            Http.send(exchange, 200, "application/json", state());
        } else {
            Http.send(exchange, 405, "text/plain; charset=utf-8", "Use POST /control/down (optionally ?mode=hang), POST /control/up, "
                    + "POST /control/db/promote, POST /control/db/demote (signed) or GET /control/state\n");
        }
    }

    private String state() {
        return "{\"site\":\"" + name + "\",\"mode\":\"" + mode.name().toLowerCase() + "\",\"since\":\"" + since
                + "\",\"database\":\"" + database.name().toLowerCase() + "\"}\n";
    }

    private void hang(HttpExchange exchange) throws IOException {
        long deadline = System.nanoTime() + HANG_LIMIT.toNanos();
        synchronized (modeChanged) {
            while (mode == Mode.HANG && System.nanoTime() < deadline) {
                try {
                    modeChanged.wait(Duration.ofNanos(deadline - System.nanoTime()).toMillis() + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        Http.send(exchange, 503, "text/plain; charset=utf-8", name + " was hanging (demo outage)\n");
    }

    private void serve(HttpExchange exchange, String path) throws IOException {
        String service = SERVICES.get(path);
        if ("/db/health".equals(path)) {
            Http.send(exchange, 200, "application/json", "{\"status\":\"UP\",\"role\":\"" + database.name().toLowerCase() + "\"}\n");
        } else if (path.endsWith("/health") && service != null) {
            Http.send(exchange, 200, "application/json", "{\"status\":\"UP\",\"service\":\"" + service + "\"}\n");
        } else if (service != null || "/".equals(path)) {
            String title = service == null ? name : service;
            Http.send(exchange, 200, "text/html; charset=utf-8", """
                    <!doctype html><html lang="en"><head><meta charset="utf-8"><title>%s · %s site</title>
                    <style>body{font:16px system-ui,sans-serif;margin:3rem auto;max-width:40rem;color:#1f2933}
                    .tag{display:inline-block;padding:.2rem .6rem;border-radius:1rem;background:#e3f9e5;color:#05400a}</style>
                    </head><body><h1>%s</h1><p>You are being served by the <strong>%s</strong> site.</p>
                    <p><span class="tag">Operational</span></p><p>This is a Contingo demo site.</p></body></html>
                    """.formatted(Http.escape(title), Http.escape(name), Http.escape(title), Http.escape(name)));
        } else {
            Http.send(exchange, 404, "text/plain; charset=utf-8", "Not found\n");
        }
    }

    @Override
    public void close() {
        setMode(Mode.UP);
        server.stop(0);
    }
}
