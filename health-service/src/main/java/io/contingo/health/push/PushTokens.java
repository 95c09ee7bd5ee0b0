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
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import io.contingo.health.monitor.PushTokenIssuer;

/**
 * The secret in each push monitor's URL: 256 random bits, URL-safe base64, made the first time the monitor is
 * seen and kept in {@code push_tokens} so that it survives restarts. A pushed token is found by its SHA-256
 * hash, so how long the look-up takes says nothing about the tokens; tokens are never logged.
 */
@Component
public class PushTokens implements PushTokenIssuer {

    private static final Logger log = LoggerFactory.getLogger(PushTokens.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One document per pushed monitor; the hash finds the monitor of a pushed token. */
    @Document("push_tokens")
    record PushToken(@Id String monitorId, String token, String hash) {
    }

    private final MongoTemplate mongo;
    private final Map<String, String> monitorByHash = new ConcurrentHashMap<>();
    private final Map<String, String> tokenByMonitor = new ConcurrentHashMap<>();

    PushTokens(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(PushToken.class).createIndex(new Index("hash", Sort.Direction.ASC));
        for (PushToken stored : mongo.findAll(PushToken.class)) {
            if (stored.hash() == null) { // stored before tokens were looked up by hash
                mongo.save(new PushToken(stored.monitorId(), stored.token(), hash(stored.token())));
            }
            remember(stored.monitorId(), stored.token());
        }
    }

    /** Makes the token of a pushed monitor, the first time it is seen; another instance may have made it. */
    @Override
    public void ensure(String monitorId) {
        if (tokenByMonitor.containsKey(monitorId)) {
            return;
        }
        PushToken stored = mongo.findById(monitorId, PushToken.class);
        if (stored == null) {
            String token = newToken();
            try {
                stored = mongo.insert(new PushToken(monitorId, token, hash(token)));
                log.info("Push URL made for monitor {}; admins find it in GET /api/monitors", monitorId);
            } catch (DuplicateKeyException e) { // another instance made it first
                stored = mongo.findById(monitorId, PushToken.class);
            }
        }
        remember(monitorId, stored.token());
    }

    /** The monitor a pushed token belongs to; a token made by another instance is found in the database. */
    public Optional<String> monitorOf(String token) {
        String hash = hash(token);
        String monitorId = monitorByHash.get(hash);
        if (monitorId == null) {
            PushToken stored = mongo.findOne(Query.query(Criteria.where("hash").is(hash)), PushToken.class);
            if (stored != null) {
                remember(stored.monitorId(), stored.token());
                monitorId = stored.monitorId();
            }
        }
        return Optional.ofNullable(monitorId);
    }

    /** The token of a pushed monitor, for admins. */
    public Optional<String> tokenOf(String monitorId) {
        String token = tokenByMonitor.get(monitorId);
        if (token == null) {
            PushToken stored = mongo.findById(monitorId, PushToken.class);
            if (stored != null) {
                remember(monitorId, stored.token());
                token = stored.token();
            }
        }
        return Optional.ofNullable(token);
    }

    private void remember(String monitorId, String token) {
        tokenByMonitor.put(monitorId, token);
        monitorByHash.put(hash(token), monitorId);
    }

    /** The push URL of a pushed monitor at the address of the request being served; empty until its token is made. */
    public Optional<String> urlOf(String monitorId) {
        return tokenOf(monitorId).map(token -> ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/push/{token}").buildAndExpand(token).toUriString());
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
