package io.contingo.starter.session;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ConfigurableObjectInputStream;
import org.springframework.session.MapSession;
import org.springframework.session.SessionRepository;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;

/**
 * Login sessions in the service's MongoDB database, so that every replica of a service knows every sign-in and a
 * sign-out on one is a sign-out on all: no sticky sessions needed behind a load balancer.
 * <p>
 * Each attribute is kept on its own (Java serialization, as the servlet container would when it persists sessions),
 * so an attribute a newer release can no longer read is dropped alone and the user stays signed in. A request that
 * only reads writes nothing unless its last write is a minute old. Expired sessions are removed by a TTL index where
 * the server has one, and by a sweep every ten minutes.
 */
public final class MongoSessionRepository implements SessionRepository<StoredSession> {

    private static final Logger log = LoggerFactory.getLogger(MongoSessionRepository.class);
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(10);

    private final MongoCollection<Document> sessions;
    private final Duration timeout;
    private final Clock clock;
    private final ClassLoader classLoader;
    private final AtomicReference<Instant> nextSweep;

    public MongoSessionRepository(MongoCollection<Document> sessions, Duration timeout, Clock clock, ClassLoader classLoader) {
        this.sessions = sessions;
        this.timeout = timeout;
        this.clock = clock;
        this.classLoader = classLoader;
        this.nextSweep = new AtomicReference<>(clock.instant());
        try {
            sessions.createIndex(Indexes.ascending("expiresAt"), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
        } catch (MongoException notSupported) {
            log.info("No TTL index on the sessions ({}): expired sessions are swept every {} minutes", notSupported.getMessage(),
                    SWEEP_EVERY.toMinutes());
        }
    }

    @Override
    public StoredSession createSession() {
        MapSession session = new MapSession();
        session.setCreationTime(clock.instant());
        session.setLastAccessedTime(session.getCreationTime());
        session.setMaxInactiveInterval(timeout);
        return new StoredSession(session, true, clock);
    }

    @Override
    public void save(StoredSession session) {
        if (!session.changed()) {
            return;
        }
        String storedId = session.storedId();
        // a session that was stored is only ever replaced: one ended meanwhile (a sign-out on another replica, the
        // identity provider's back-channel logout) must not come back because a request that read it before ends later
        boolean ended;
        if (storedId == null) {
            sessions.replaceOne(Filters.eq("_id", session.getId()), document(session.session()), new ReplaceOptions().upsert(true));
            ended = false;
        } else if (!storedId.equals(session.getId())) {
            ended = sessions.deleteOne(Filters.eq("_id", storedId)).getDeletedCount() == 0;
            if (!ended) {
                sessions.insertOne(document(session.session()));
            }
        } else {
            ended = sessions.replaceOne(Filters.eq("_id", session.getId()), document(session.session())).getMatchedCount() == 0;
        }
        if (ended) {
            log.debug("Session {} ended while a request had it: not stored again", storedId);
        }
        session.stored();
        sweepWhenDue();
    }

    @Override
    public StoredSession findById(String id) {
        Document stored = sessions.find(Filters.eq("_id", id)).first();
        if (stored == null) {
            return null;
        }
        StoredSession session = new StoredSession(session(stored), false, clock);
        if (session.isExpired()) {
            deleteById(id);
            return null;
        }
        return session;
    }

    @Override
    public void deleteById(String id) {
        sessions.deleteOne(Filters.eq("_id", id));
    }

    private Document document(MapSession session) {
        List<Document> attributes = new ArrayList<>();
        for (String name : session.getAttributeNames()) {
            attributes.add(new Document("name", name).append("value", new Binary(serialize(name, session.getAttribute(name)))));
        }
        return new Document("_id", session.getId())
                .append("created", Date.from(session.getCreationTime()))
                .append("lastAccessed", Date.from(session.getLastAccessedTime()))
                .append("maxInactiveSeconds", session.getMaxInactiveInterval().toSeconds())
                .append("expiresAt", Date.from(session.getLastAccessedTime().plus(session.getMaxInactiveInterval())))
                .append("attributes", attributes);
    }

    private MapSession session(Document stored) {
        MapSession session = new MapSession(stored.getString("_id"));
        session.setCreationTime(stored.getDate("created").toInstant());
        session.setLastAccessedTime(stored.getDate("lastAccessed").toInstant());
        session.setMaxInactiveInterval(Duration.ofSeconds(((Number) stored.get("maxInactiveSeconds")).longValue()));
        for (Document attribute : stored.getList("attributes", Document.class, List.of())) {
            String name = attribute.getString("name");
            try {
                session.setAttribute(name, deserialize(attribute.get("value", Binary.class).getData()));
            } catch (IOException | ClassNotFoundException | RuntimeException unreadable) {
                log.info("Session attribute {} can no longer be read and is dropped: {}", name, unreadable.toString());
            }
        }
        return session;
    }

    private static byte[] serialize(String name, Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException notSerializable) {
            throw new IllegalStateException("The session attribute " + name + " cannot be kept in the shared session store: "
                    + notSerializable + ". Everything put in a session (flash attributes too) must be Serializable.", notSerializable);
        }
        return bytes.toByteArray();
    }

    private Object deserialize(byte[] data) throws IOException, ClassNotFoundException {
        try (ConfigurableObjectInputStream in = new ConfigurableObjectInputStream(new ByteArrayInputStream(data), classLoader)) {
            return in.readObject();
        }
    }

    private void sweepWhenDue() {
        Instant now = clock.instant();
        Instant due = nextSweep.get();
        if (now.isBefore(due) || !nextSweep.compareAndSet(due, now.plus(SWEEP_EVERY))) {
            return;
        }
        long removed = sessions.deleteMany(Filters.lt("expiresAt", Date.from(now))).getDeletedCount();
        log.debug("Swept {} expired sessions", removed);
    }
}
