package io.contingo.starter.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

import io.contingo.devstack.MongoWireServer;
import io.contingo.starter.SettableClock;
import io.contingo.starter.session.MongoSessionRepository;
import io.contingo.starter.session.StoredSession;

/**
 * The provider's back-channel logout ends, on every replica, the sessions of the provider's session it names, or of
 * the person when it names no session; the others stay. A token is refused unless it is a logout token for this
 * service.
 */
class ProviderSessionsTests {

    private static final MongoWireServer SERVER = MongoWireServer.startInMemory();
    private static final MongoClient CLIENT = MongoClients.create(SERVER.uri());

    private MongoSessionRepository sessions;
    private ProviderSessions records;

    @BeforeEach
    void store() {
        MongoCollection<Document> stored = CLIENT.getDatabase("provider-sessions-test").getCollection("sessions");
        MongoCollection<Document> recorded = CLIENT.getDatabase("provider-sessions-test").getCollection("provider_sessions");
        stored.drop();
        recorded.drop();
        sessions = new MongoSessionRepository(stored, Duration.ofMinutes(30), new SettableClock(Instant.now()), getClass().getClassLoader());
        records = ProviderSessions.inMongo(recorded, sessions);
    }

    @AfterAll
    static void stop() {
        CLIENT.close();
        SERVER.close();
    }

    @Test
    void theSessionsOfTheNamedProviderSessionEndAndNoOther() {
        String laptop = signedIn("sid-1", "agent");
        String phone = signedIn("sid-1", "agent");
        String otherBrowser = signedIn("sid-2", "agent");
        String someoneElse = signedIn("sid-3", "manager");

        assertThat(records.end("sid-1", "agent")).isEqualTo(2);
        assertThat(sessions.findById(laptop)).isNull();
        assertThat(sessions.findById(phone)).isNull();
        assertThat(sessions.findById(otherBrowser)).isNotNull();
        assertThat(sessions.findById(someoneElse)).isNotNull();

        assertThat(records.end(null, "agent")).as("no sid: every session of the person").isEqualTo(1);
        assertThat(sessions.findById(otherBrowser)).isNull();
        assertThat(sessions.findById(someoneElse)).isNotNull();
        assertThat(records.end("sid-1", "agent")).as("told twice").isZero();
    }

    @Test
    void inMemoryTheSessionsAreInvalidated() {
        ProviderSessions memory = ProviderSessions.inMemory();
        MockHttpSession mine = new MockHttpSession();
        MockHttpSession other = new MockHttpSession();
        memory.signedIn("sid-1", "agent", mine);
        memory.signedIn("sid-2", "manager", other);

        assertThat(memory.end("sid-1", "agent")).isEqualTo(1);
        assertThat(mine.isInvalid()).isTrue();
        assertThat(other.isInvalid()).isFalse();
    }

    @Test
    void onlyALogoutTokenForThisServiceIsTaken() {
        Instant now = Instant.now();
        Map<String, Object> event = Map.of(BackChannelLogout.EVENT, Map.of());
        assertThat(BackChannelLogout.logoutToken(token(List.of("incident-service"), event, null, now, "sid-1"), "incident-service")
                .hasErrors()).isFalse();
        assertThat(refusal(token(List.of("report-service"), event, null, now, "sid-1"))).contains("not addressed to this service");
        assertThat(refusal(token(List.of("incident-service"), Map.of("other", Map.of()), null, now, "sid-1"))).contains("no back-channel logout event");
        assertThat(refusal(token(List.of("incident-service"), event, "n-1", now, "sid-1"))).contains("nonce");
        assertThat(refusal(token(List.of("incident-service"), event, null, null, "sid-1"))).contains("no iat");
    }

    private String signedIn(String sid, String subject) {
        StoredSession session = sessions.createSession();
        session.setAttribute("csrf", "token");
        sessions.save(session);
        MockHttpSession http = new MockHttpSession(null, session.getId());
        records.signedIn(sid, subject, http);
        return session.getId();
    }

    private static String refusal(Jwt token) {
        OAuth2TokenValidatorResult result = BackChannelLogout.logoutToken(token, "incident-service");
        assertThat(result.hasErrors()).isTrue();
        return result.getErrors().iterator().next().getDescription();
    }

    private static Jwt token(List<String> audience, Map<String, Object> events, String nonce, Instant issuedAt, String sid) {
        Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "RS256").audience(audience).claim("events", events).claim("sid", sid)
                .subject("agent");
        if (nonce != null) {
            jwt.claim("nonce", nonce);
        }
        if (issuedAt != null) {
            jwt.issuedAt(issuedAt);
        }
        return jwt.build();
    }
}
