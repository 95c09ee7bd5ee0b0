package io.contingo.starter.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

import io.contingo.devstack.MongoWireServer;
import io.contingo.starter.SettableClock;

/** Two replicas of a service, each with its own repository on one MongoDB-wire server, share every login. */
class MongoSessionRepositoryTests {

    private static final MongoWireServer SERVER = MongoWireServer.startInMemory();
    private static final MongoClient CLIENT = MongoClients.create(SERVER.uri());
    private static final String CONTEXT = "SPRING_SECURITY_CONTEXT";

    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-03T20:00:00Z"));
    private MongoCollection<Document> collection;
    private MongoSessionRepository replicaA;
    private MongoSessionRepository replicaB;

    @BeforeEach
    void twoReplicas() {
        collection = CLIENT.getDatabase("sessions-test").getCollection("sessions");
        collection.drop();
        replicaA = new MongoSessionRepository(collection, Duration.ofMinutes(30), clock, getClass().getClassLoader());
        replicaB = new MongoSessionRepository(collection, Duration.ofMinutes(30), clock, getClass().getClassLoader());
    }

    @AfterAll
    static void stop() {
        CLIENT.close();
        SERVER.close();
    }

    @Test
    void aSignInOnOneReplicaIsKnownToTheOtherAndASignOutEndsItOnBoth() {
        StoredSession signIn = replicaA.createSession();
        signIn.setAttribute(CONTEXT, signedIn("agent", "ROLE_AGENT"));
        replicaA.save(signIn);

        StoredSession onB = replicaB.findById(signIn.getId());
        assertThat(onB).isNotNull();
        SecurityContext context = onB.getAttribute(CONTEXT);
        assertThat(context.getAuthentication().getName()).isEqualTo("agent");
        assertThat(context.getAuthentication().getAuthorities()).extracting(Object::toString).containsExactly("ROLE_AGENT");

        replicaB.deleteById(onB.getId());
        assertThat(replicaA.findById(signIn.getId())).isNull();
    }

    @Test
    void aSessionEndedOnOneReplicaIsNotBroughtBackByARequestThatHadItOnTheOther() {
        StoredSession signIn = replicaA.createSession();
        signIn.setAttribute(CONTEXT, signedIn("agent", "ROLE_AGENT"));
        replicaA.save(signIn);
        StoredSession inFlight = replicaA.findById(signIn.getId()); // a request on A, still running

        replicaB.deleteById(signIn.getId()); // signed out meanwhile, on B or by the identity provider
        inFlight.setAttribute("lastPage", "/console");
        replicaA.save(inFlight);
        assertThat(replicaB.findById(signIn.getId())).isNull();

        StoredSession anonymous = replicaA.createSession();
        replicaA.save(anonymous);
        StoredSession signingIn = replicaA.findById(anonymous.getId());
        replicaB.deleteById(anonymous.getId());
        String newId = signingIn.changeSessionId();
        signingIn.setAttribute(CONTEXT, signedIn("agent", "ROLE_AGENT"));
        replicaA.save(signingIn);
        assertThat(replicaB.findById(newId)).as("not under its new id either").isNull();
    }

    @Test
    void aNewIdAtSignInLeavesNothingUnderTheOldOne() {
        StoredSession anonymous = replicaA.createSession();
        anonymous.setAttribute("csrf", "token-1");
        replicaA.save(anonymous);
        String before = anonymous.getId();

        StoredSession session = replicaB.findById(before);
        String after = session.changeSessionId();
        session.setAttribute(CONTEXT, signedIn("manager", "ROLE_MANAGER"));
        replicaB.save(session);

        assertThat(after).isNotEqualTo(before);
        assertThat(replicaA.findById(before)).isNull();
        assertThat(replicaA.findById(after).<String>getAttribute("csrf")).isEqualTo("token-1");
        assertThat(collection.countDocuments()).isOne();
    }

    @Test
    void anIdleSessionExpiresAndIsRemoved() {
        StoredSession session = replicaA.createSession();
        session.setAttribute(CONTEXT, signedIn("agent", "ROLE_AGENT"));
        replicaA.save(session);

        clock.advance(Duration.ofMinutes(29));
        StoredSession stillThere = replicaB.findById(session.getId());
        assertThat(stillThere).isNotNull();
        stillThere.setLastAccessedTime(clock.instant());
        replicaB.save(stillThere); // the request 29 minutes later moves the expiry

        clock.advance(Duration.ofMinutes(29));
        assertThat(replicaA.findById(session.getId())).as("58 min after sign-in, 29 min idle").isNotNull();

        clock.advance(Duration.ofMinutes(2));
        assertThat(replicaA.findById(session.getId())).as("31 min idle").isNull();
        assertThat(collection.countDocuments()).isZero();
    }

    @Test
    void aRequestThatOnlyReadsWritesNothingUntilItsLastWriteIsAMinuteOld() {
        StoredSession session = replicaA.createSession();
        replicaA.save(session);
        Instant stored = lastAccessed(session.getId());

        clock.advance(Duration.ofSeconds(30));
        StoredSession read = replicaB.findById(session.getId());
        read.setLastAccessedTime(clock.instant());
        replicaB.save(read);
        assertThat(lastAccessed(session.getId())).isEqualTo(stored);

        clock.advance(Duration.ofSeconds(31));
        read = replicaB.findById(session.getId());
        read.setLastAccessedTime(clock.instant());
        replicaB.save(read);
        assertThat(lastAccessed(session.getId())).isEqualTo(clock.instant());
    }

    @Test
    void anAttributeThatCannotBeSerializedIsRefusedByName() {
        StoredSession session = replicaA.createSession();
        session.setAttribute("notice", new Object());

        assertThatThrownBy(() -> replicaA.save(session))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("notice")
                .hasMessageContaining("java.lang.Object");
        assertThat(collection.countDocuments()).isZero();
    }

    @Test
    void anAttributeANewerReleaseCannotReadIsDroppedAndTheSignInKept() {
        StoredSession session = replicaA.createSession();
        session.setAttribute(CONTEXT, signedIn("admin", "ROLE_ADMIN"));
        session.setAttribute("gone", "a value");
        replicaA.save(session);
        Document stored = collection.find(Filters.eq("_id", session.getId())).first();
        List<Document> attributes = stored.getList("attributes", Document.class);
        attributes.stream().filter(a -> a.getString("name").equals("gone")).findFirst().orElseThrow()
                .put("value", new Binary(new byte[] { (byte) 0xAC, (byte) 0xED, 0, 5, 0x73, 0x72, 0, 3, 'N', 'o', 'p' }));
        collection.replaceOne(Filters.eq("_id", session.getId()), stored);

        StoredSession read = replicaB.findById(session.getId());

        assertThat(read.getAttributeNames()).containsExactly(CONTEXT);
        assertThat(read.<SecurityContext>getAttribute(CONTEXT).getAuthentication().getName()).isEqualTo("admin");
    }

    private Instant lastAccessed(String id) {
        return collection.find(Filters.eq("_id", id)).first().getDate("lastAccessed").toInstant();
    }

    private static SecurityContext signedIn(String name, String role) {
        return new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(name, null,
                AuthorityUtils.createAuthorityList(role)));
    }
}
