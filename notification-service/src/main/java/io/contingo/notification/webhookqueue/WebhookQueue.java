package io.contingo.notification.webhookqueue;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

import io.contingo.starter.address.PinnedAddresses;
import io.contingo.starter.relay.RelayLoop;

/**
 * Posts the webhook calls of one MongoDB collection that are due, oldest first: the operators' pages and the customers'
 * Statuspage payloads alike. Each call is claimed with one atomic write that counts the attempt and moves its due time
 * past the call's timeout, so that two instances never post it together and one that died mid-call leaves it due again.
 *
 * <p>Before each call, {@link #prepare} says where it may go: the addresses the deny-list allowed for its host just now.
 * The host is pinned to them while the call connects ({@link PinnedAddresses}), so the client reaches one of those,
 * whatever DNS answers meanwhile. With a secret the call is signed: {@value #TIMESTAMP} is the time in unix seconds and
 * {@value #SIGNATURE} is {@code sha256=} followed by the hex HMAC-SHA256, keyed with the secret, of
 * {@code "<timestamp>.<body>"}, so that a receiver can refuse a call captured and replayed later.
 *
 * <p>A 2xx answer is SENT; anything else (an error status, no answer within the timeout, an address refused now) is
 * tried again after {@code firstRetryDelay}, twice as long after each next failure, and given up (FAILED, with the
 * last error) after {@code attempts}. Redirects are not followed.
 */
public abstract class WebhookQueue<T extends WebhookQueue.Call> implements SmartLifecycle {

    public static final String TIMESTAMP = "X-Contingo-Timestamp";
    public static final String SIGNATURE = "X-Contingo-Signature";

    /**
     * What the queue reads of a stored call. Its document also has {@code status} (PENDING, SENT or FAILED),
     * {@code nextAttemptAt}, {@code lastError} and {@code sentAt}, which the queue writes.
     */
    public interface Call {
        String id();

        String url();

        String body();

        int attempts();
    }

    /**
     * How one call goes out: the addresses its host may be reached at (each allowed), the secret that signs it
     * ({@code null}: unsigned) and headers of its own.
     */
    public record Post(List<InetAddress> addresses, String secret, Map<String, String> headers) {
    }

    /** How often a call is tried, how long it waits between tries, and how long one try may take. */
    public record Retries(int attempts, Duration firstRetryDelay, Duration timeout) {
    }

    /** Why a call does not go out now; it counts as a failed attempt. */
    public static final class Refused extends Exception {
        public Refused(String why) {
            super(why, null, false, false);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(WebhookQueue.class);

    private final String name;
    private final MongoTemplate mongo;
    private final Class<T> type;
    private final Retries retries;
    private final String userAgent;
    private final HttpClient http;
    private final Clock clock = Clock.systemUTC();
    private final RelayLoop loop;

    protected WebhookQueue(String name, MongoTemplate mongo, Class<T> type, Retries retries, String userAgent) {
        this(name, mongo, type, retries, userAgent,
                HttpClient.newBuilder().connectTimeout(retries.timeout()).followRedirects(HttpClient.Redirect.NEVER).build());
    }

    /** A queue that posts through the given client (which must not follow redirects). */
    protected WebhookQueue(String name, MongoTemplate mongo, Class<T> type, Retries retries, String userAgent, HttpClient http) {
        this.name = name;
        this.mongo = mongo;
        this.type = type;
        this.retries = retries;
        this.userAgent = userAgent;
        this.http = http;
        this.loop = new RelayLoop(name, Duration.ofSeconds(1), this::sendDue);
        PinnedAddresses.requireInstalled();
    }

    /**
     * Where the call may go now and how it is signed; empty when nobody wants it any more (it is then removed).
     *
     * @throws Refused when its address is refused now
     */
    protected abstract Optional<Post> prepare(T call) throws Refused;

    /** Looks for due calls now rather than at the next tick. */
    public void wake() {
        loop.wake();
    }

    /** Every call due now, each claimed before it is made. */
    void sendDue() {
        for (T call = take(); call != null; call = take()) {
            send(call);
        }
    }

    /** The oldest due call, its attempt counted and its due time moved past the call's timeout in the same write. */
    private T take() {
        Instant now = clock.instant();
        return mongo.findAndModify(query(where("status").is("PENDING").and("nextAttemptAt").lte(now)).with(Sort.by("nextAttemptAt")),
                new Update().set("nextAttemptAt", now.plus(retries.timeout().multipliedBy(3))).inc("attempts", 1),
                FindAndModifyOptions.options().returnNew(true), type);
    }

    private void send(T call) {
        String problem;
        try {
            Optional<Post> post = prepare(call);
            if (post.isEmpty()) {
                mongo.remove(query(where("_id").is(call.id())), type);
                return;
            }
            int status = post(call, post.get());
            if (status / 100 == 2) {
                mongo.updateFirst(query(where("_id").is(call.id())), new Update().set("status", "SENT")
                        .set("sentAt", clock.instant()).unset("lastError"), type);
                return;
            }
            problem = "HTTP " + status;
        } catch (Refused e) {
            problem = e.getMessage();
        } catch (IOException | IllegalArgumentException e) {
            problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "Interrupted";
        }
        boolean givenUp = call.attempts() >= retries.attempts();
        Duration delay = retries.firstRetryDelay().multipliedBy(1L << Math.min(Math.max(call.attempts() - 1, 0), 16));
        log.warn("Webhook call {} ({}) failed (attempt {}): {}{}", call.id(), name, call.attempts(), problem,
                givenUp ? ", given up" : ", next try in " + delay.toMillis() + " ms");
        mongo.updateFirst(query(where("_id").is(call.id())), new Update().set("lastError", problem)
                .set("status", givenUp ? "FAILED" : "PENDING").set("nextAttemptAt", clock.instant().plus(delay)), type);
    }

    /** Posts the call's body to its URL, its host pinned to the allowed addresses; the answer's status. */
    private int post(T call, Post post) throws IOException, InterruptedException {
        URI uri = URI.create(call.url());
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("No host in the address");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(retries.timeout())
                .header("Content-Type", "application/json").header("User-Agent", userAgent);
        post.headers().forEach(request::header);
        if (post.secret() != null && !post.secret().isBlank()) {
            long timestamp = clock.instant().getEpochSecond();
            request.header(TIMESTAMP, Long.toString(timestamp)).header(SIGNATURE, sign(post.secret(), timestamp, call.body()));
        }
        try (PinnedAddresses.Pin pinned = PinnedAddresses.pin(uri.getHost(), post.addresses())) {
            return http.send(request.POST(HttpRequest.BodyPublishers.ofString(call.body(), StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    /** The {@value #SIGNATURE} header's value: {@code sha256=} and the hex HMAC-SHA256 of {@code "<timestamp>.<body>"}. */
    static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop(retries.timeout().plusSeconds(1));
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }
}
