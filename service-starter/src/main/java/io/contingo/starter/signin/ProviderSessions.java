package io.contingo.starter.signin;

import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.bson.Document;
import org.springframework.session.SessionRepository;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;

import jakarta.servlet.http.HttpSession;

/**
 * Which of this service's login sessions came from which sign-in at the identity provider, so that the provider's
 * back-channel logout ({@link BackChannelLogout}) can end them: by the provider's session ({@code sid}) when it names
 * one, or else every session of the person ({@code sub}).
 */
interface ProviderSessions {

    /** Records that {@code session} was signed in by the provider's session {@code sid} (may be null) for {@code subject}. */
    void signedIn(String sid, String subject, HttpSession session);

    /** Ends the sessions of the provider's session {@code sid}, or, when it is null, of {@code subject}; returns how many. */
    int end(String sid, String subject);

    /** With the sessions kept in MongoDB (every replica sees them): the records in {@code provider_sessions} beside them. */
    static ProviderSessions inMongo(MongoCollection<Document> records, SessionRepository<?> sessions) {
        records.createIndex(Indexes.ascending("sid"));
        records.createIndex(Indexes.ascending("sub"));
        records.createIndex(Indexes.ascending("at"));
        return new ProviderSessions() {
            @Override
            public void signedIn(String sid, String subject, HttpSession session) {
                records.replaceOne(Filters.eq("_id", session.getId()),
                        new Document("_id", session.getId()).append("sid", sid).append("sub", subject).append("at", new Date()),
                        new ReplaceOptions().upsert(true));
                forgetEnded();
            }

            /**
             * Drops the records, a few at a time, of sessions that ended by themselves (expired, signed out here). A
             * record has no expiry of its own: a session kept alive by use (a wall display) may outlive any.
             */
            private void forgetEnded() {
                Date dayAgo = Date.from(java.time.Instant.now().minus(java.time.Duration.ofDays(1)));
                for (Document old : records.find(Filters.lt("at", dayAgo)).sort(Indexes.ascending("at")).limit(20)) {
                    String id = old.getString("_id");
                    if (sessions.findById(id) == null) {
                        records.deleteOne(Filters.eq("_id", id));
                    } else {
                        records.updateOne(Filters.eq("_id", id), new Document("$set", new Document("at", new Date())));
                    }
                }
            }

            @Override
            public int end(String sid, String subject) {
                int[] ended = { 0 };
                records.find(sid != null ? Filters.eq("sid", sid) : Filters.eq("sub", subject)).forEach((Consumer<Document>) record -> {
                    sessions.deleteById(record.getString("_id"));
                    records.deleteOne(Filters.eq("_id", record.getString("_id")));
                    ended[0]++;
                });
                return ended[0];
            }
        };
    }

    /** With the servlet container's sessions (one replica): the sessions themselves, held until they end. */
    static ProviderSessions inMemory() {
        Map<HttpSession, String[]> signedIn = new ConcurrentHashMap<>();
        return new ProviderSessions() {
            @Override
            public void signedIn(String sid, String subject, HttpSession session) {
                signedIn.keySet().removeIf(s -> !alive(s));
                signedIn.put(session, new String[] { sid, subject });
            }

            @Override
            public int end(String sid, String subject) {
                Set<HttpSession> ending = ConcurrentHashMap.newKeySet();
                signedIn.forEach((session, names) -> {
                    if (sid != null ? sid.equals(names[0]) : subject.equals(names[1])) {
                        ending.add(session);
                    }
                });
                ending.forEach(session -> {
                    signedIn.remove(session);
                    try {
                        session.invalidate();
                    } catch (IllegalStateException alreadyEnded) {
                        // it expired or was signed out meanwhile: ended all the same
                    }
                });
                return ending.size();
            }

            private static boolean alive(HttpSession session) {
                try {
                    session.getLastAccessedTime();
                    return true;
                } catch (IllegalStateException invalidated) {
                    return false;
                }
            }
        };
    }
}
