package io.contingo.health.push;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Component;

import io.contingo.health.monitor.MonitorDefinition;
import io.contingo.health.monitor.MonitorSettings;

/**
 * The secret in each push monitor's URL: 256 random bits, URL-safe base64, made the first time the monitor is
 * seen and kept in {@code push_tokens} so that it survives restarts. A pushed token is found by its SHA-256
 * hash, so how long the look-up takes says nothing about the tokens; tokens are never logged.
 */
@Component
public class PushTokens {

    private static final Logger log = LoggerFactory.getLogger(PushTokens.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One document per pushed monitor. */
    @Document("push_tokens")
    record PushToken(@Id String monitorId, String token) {
    }

    private final Map<String, String> monitorByHash = new ConcurrentHashMap<>();
    private final Map<String, String> tokenByMonitor = new ConcurrentHashMap<>();

    PushTokens(MonitorSettings settings, MongoTemplate mongo) {
        int created = 0;
        for (MonitorDefinition monitor : settings.monitors()) {
            if (!monitor.isPushed()) {
                continue;
            }
            PushToken stored = mongo.findById(monitor.id(), PushToken.class);
            if (stored == null) {
                try {
                    stored = mongo.insert(new PushToken(monitor.id(), newToken()));
                    created++;
                } catch (DuplicateKeyException e) { // another instance made it first
                    stored = mongo.findById(monitor.id(), PushToken.class);
                }
            }
            tokenByMonitor.put(monitor.id(), stored.token());
            monitorByHash.put(hash(stored.token()), monitor.id());
        }
        if (!tokenByMonitor.isEmpty()) {
            log.info("Push URLs ready for {} monitors ({} new); admins find them in GET /api/monitors",
                    tokenByMonitor.size(), created);
        }
    }

    /** The monitor a pushed token belongs to. */
    public Optional<String> monitorOf(String token) {
        return Optional.ofNullable(monitorByHash.get(hash(token)));
    }

    /** The token of a pushed monitor, for admins. */
    public Optional<String> tokenOf(String monitorId) {
        return Optional.ofNullable(tokenByMonitor.get(monitorId));
    }

    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
