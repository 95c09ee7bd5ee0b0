package io.contingo.health.probe;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An HTTP client for tests that sends only to loopback, through a real client, and remembers every request.
 * A request anywhere else fails the test before any connection: a check that forgot the deny-list cannot
 * reach a denied address from a test. {@link #refusingAll()} fails on any request at all.
 */
final class GuardedHttpClient extends HttpClient {

    /** Loopback, and a name the tests' own resolvers alone answer, with loopback addresses. */
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", HttpCheckTests.REBOUND_NAME);

    private final HttpClient real;
    private final List<URI> requested = new CopyOnWriteArrayList<>();

    private GuardedHttpClient(HttpClient real) {
        this.real = real;
    }

    static GuardedHttpClient loopbackOnly(HttpClient real) {
        return new GuardedHttpClient(real);
    }

    static GuardedHttpClient refusingAll() {
        return new GuardedHttpClient(null);
    }

    List<URI> requested() {
        return requested;
    }

    private void guard(HttpRequest request) {
        requested.add(request.uri());
        if (real == null) {
            throw new AssertionError("No request was to be sent, but one went to " + request.uri());
        }
        if (!LOOPBACK.contains(request.uri().getHost())) {
            throw new AssertionError("A test request may only go to loopback, not to " + request.uri());
        }
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException, InterruptedException {
        guard(request);
        return real.send(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        guard(request);
        return real.sendAsync(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        guard(request);
        return real.sendAsync(request, handler, pushPromiseHandler);
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return Optional.empty();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return Optional.empty();
    }

    @Override
    public Redirect followRedirects() {
        return Redirect.NEVER;
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return Optional.empty();
    }

    @Override
    public SSLContext sslContext() {
        return real == null ? null : real.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return real == null ? null : real.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return Optional.empty();
    }

    @Override
    public Version version() {
        return Version.HTTP_1_1;
    }

    @Override
    public Optional<Executor> executor() {
        return Optional.empty();
    }
}
