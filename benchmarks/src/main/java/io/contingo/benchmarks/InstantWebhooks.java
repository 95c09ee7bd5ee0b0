package io.contingo.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.contingo.devstack.FreePorts;

/** The runbook's automation: a loopback HTTP server that answers every call with 200 at once. */
final class InstantWebhooks implements AutoCloseable {

    final AtomicLong answered = new AtomicLong();
    private final HttpServer server;

    private InstantWebhooks(HttpServer server) {
        this.server = server;
    }

    static InstantWebhooks start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", FreePorts.next()), 128);
        InstantWebhooks webhooks = new InstantWebhooks(server);
        server.createContext("/", webhooks::answer);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return webhooks;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
        }
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
        answered.incrementAndGet();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
