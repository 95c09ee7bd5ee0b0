package io.contingo.starter.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.springframework.session.MapSession;
import org.springframework.session.Session;

/**
 * A login session as {@link MongoSessionRepository} keeps it: the session itself, the id it was stored under, and
 * whether anything worth writing back changed since it was read.
 */
public final class StoredSession implements Session {

    /** A request only moves the stored last access when it is at least this much newer, so reads do not all write. */
    static final Duration TOUCH_EVERY = Duration.ofSeconds(60);

    private final MapSession session;
    private final Clock clock;
    private String storedId;
    private Instant storedAccess;
    private boolean changed;

    StoredSession(MapSession session, boolean isNew, Clock clock) {
        this.session = session;
        this.clock = clock;
        this.storedId = isNew ? null : session.getId();
        this.storedAccess = session.getLastAccessedTime();
        this.changed = isNew;
    }

    MapSession session() {
        return session;
    }

    /** The id it is stored under, or null while it has never been stored. */
    String storedId() {
        return storedId;
    }

    boolean changed() {
        return changed || Duration.between(storedAccess, session.getLastAccessedTime()).compareTo(TOUCH_EVERY) >= 0;
    }

    void stored() {
        storedId = session.getId();
        storedAccess = session.getLastAccessedTime();
        changed = false;
    }

    @Override
    public String getId() {
        return session.getId();
    }

    @Override
    public String changeSessionId() {
        changed = true;
        return session.changeSessionId();
    }

    @Override
    public <T> T getAttribute(String name) {
        return session.getAttribute(name);
    }

    @Override
    public Set<String> getAttributeNames() {
        return session.getAttributeNames();
    }

    @Override
    public void setAttribute(String name, Object value) {
        changed = true;
        session.setAttribute(name, value);
    }

    @Override
    public void removeAttribute(String name) {
        changed = changed || session.getAttribute(name) != null;
        session.removeAttribute(name);
    }

    @Override
    public Instant getCreationTime() {
        return session.getCreationTime();
    }

    @Override
    public void setLastAccessedTime(Instant lastAccessedTime) {
        session.setLastAccessedTime(lastAccessedTime);
    }

    @Override
    public Instant getLastAccessedTime() {
        return session.getLastAccessedTime();
    }

    @Override
    public void setMaxInactiveInterval(Duration interval) {
        changed = true;
        session.setMaxInactiveInterval(interval);
    }

    @Override
    public Duration getMaxInactiveInterval() {
        return session.getMaxInactiveInterval();
    }

    @Override
    public boolean isExpired() {
        return isExpired(clock.instant());
    }

    boolean isExpired(Instant now) {
        Duration idle = session.getMaxInactiveInterval();
        return !idle.isNegative() && !now.isBefore(session.getLastAccessedTime().plus(idle));
    }
}
