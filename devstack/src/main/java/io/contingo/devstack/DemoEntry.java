package io.contingo.devstack;

import java.io.IOException;

import com.sun.net.httpserver.HttpServer;

/**
 * The demo's public entry URL: redirects each request to whichever demo site is serving, production
 * first, as the contingency policy's entry URL does.
 */
public final class DemoEntry implements AutoCloseable {

    private final HttpServer server;

    private DemoEntry(HttpServer server) {
        this.server = server;
    }

    public static DemoEntry start(String host, int port, DemoSite production, DemoSite contingency) throws IOException {
        HttpServer server = Http.server(host, port);
        server.createContext("/", exchange -> {
            DemoSite target = production.mode() == DemoSite.Mode.UP ? production : contingency;
            String location = "http://localhost:" + target.port() + exchange.getRequestURI();
            exchange.getResponseHeaders().set("Location", location);
            Http.send(exchange, 302, "text/plain; charset=utf-8", "Served by the " + target.name() + " site: " + location + "\n");
        });
        server.start();
        return new DemoEntry(server);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
