package io.contingo.starter.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
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
import com.mongodb.client.model.Filters;

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

    private static final String ISSUER = "http://localhost:9000";
    private static final MongoWireServer SERVER = MongoWireServer.startInMemory();
    private static final MongoClient CLIENT = MongoClients.create(SERVER.uri());

    private MongoSessionRepository sessions;
    private MongoCollection<Document> recorded;
    private ProviderSessions records;

    @BeforeEach
    void store() {
        MongoCollection<Document> stored = CLIENT.getDatabase("provider-sessions-test").getCollection("sessions");
        recorded = CLIENT.getDatabase("provider-sessions-test").getCollection("provider_sessions");
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
    void recordsOfSessionsThatEndedByThemselvesAreDroppedAndThoseStillInUseKept() {
        String inUse = signedIn("sid-1", "agent");
        Date twoDaysAgo = Date.from(Instant.now().minus(Duration.ofDays(2)));
        recorded.updateOne(Filters.eq("_id", inUse), new Document("$set", new Document("at", twoDaysAgo)));
        recorded.insertOne(new Document("_id", "expired-long-ago").append("sid", "sid-0").append("sub", "agent").append("at", twoDaysAgo));

        signedIn("sid-2", "manager");
        assertThat(recorded.find(Filters.eq("_id", "expired-long-ago")).first()).isNull();
        assertThat(recorded.find(Filters.eq("_id", inUse)).first().getDate("at")).isAfter(twoDaysAgo);
        assertThat(records.end("sid-1", "agent")).as("a session in use for days still ends").isEqualTo(1);
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
    void onlyAFreshLogoutTokenForThisServiceIsTaken() {
        Instant now = Instant.parse("2026-12-04T04:00:00Z");
        Map<String, Object> event = Map.of(BackChannelLogout.EVENT, Map.of());
        assertThat(validate(token(List.of("incident-service"), event, null, now, "sid-1"), now).hasErrors()).isFalse();
        assertThat(refusal(token(List.of("report-service"), event, null, now, "sid-1"), now)).contains("not addressed to this service");
        assertThat(refusal(token(List.of("incident-service"), Map.of("other", Map.of()), null, now, "sid-1"), now))
                .contains("no back-channel logout event");
        assertThat(refusal(token(List.of("incident-service"), event, "n-1", now, "sid-1"), now)).contains("nonce");
        assertThat(refusal(token(List.of("incident-service"), event, null, null, "sid-1"), now)).contains("no iat");
        assertThat(refusal(token(List.of("incident-service"), event, null, now.minus(Duration.ofMinutes(6)), "sid-1"), now))
                .as("replayed later").contains("not within 5 minutes");
        assertThat(refusal(token(List.of("incident-service"), event, null, now, "sid-1"), now.plus(Duration.ofHours(1))))
                .as("expired").containsIgnoringCase("expired");
        Jwt noExpiry = Jwt.withTokenValue("t").header("alg", "RS256").issuer(ISSUER).audience(List.of("incident-service"))
                .claim("events", event).claim("sid", "sid-1").issuedAt(now).build();
        assertThat(refusal(noExpiry, now)).as("no exp").containsIgnoringCase("exp");
        Jwt otherIssuer = Jwt.withTokenValue("t").header("alg", "RS256").issuer("http://127.0.0.1:1").audience(List.of("incident-service"))
                .claim("events", event).claim("sid", "sid-1").issuedAt(now).expiresAt(now.plusSeconds(120)).build();
        assertThat(refusal(otherIssuer, now)).containsIgnoringCase("iss");
    }

    private static OAuth2TokenValidatorResult validate(Jwt token, Instant now) {
        return BackChannelLogout.validator(ISSUER, "incident-service", Clock.fixed(now, ZoneOffset.UTC)).validate(token);
    }

    private String signedIn(String sid, String subject) {
        StoredSession session = sessions.createSession();
        session.setAttribute("csrf", "token");
        sessions.save(session);
        MockHttpSession http = new MockHttpSession(null, session.getId());
        records.signedIn(sid, subject, http);
        return session.getId();
    }

    private static String refusal(Jwt token, Instant now) {
        OAuth2TokenValidatorResult result = validate(token, now);
        assertThat(result.hasErrors()).isTrue();
        return result.getErrors().stream().map(e -> e.getDescription()).toList().toString();
    }

    private static Jwt token(List<String> audience, Map<String, Object> events, String nonce, Instant issuedAt, String sid) {
        Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "RS256").issuer(ISSUER).audience(audience).claim("events", events)
                .claim("sid", sid).subject("agent").expiresAt(Instant.parse("2026-12-04T04:02:00Z"));
        if (nonce != null) {
            jwt.claim("nonce", nonce);
        }
        if (issuedAt != null) {
            jwt.issuedAt(issuedAt);
        }
        return jwt.build();
    }
}
