package io.contingo.report.monthly;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.contingo.devstack.TestInfrastructure;
import io.contingo.events.ComponentStatus;
import io.contingo.events.ComponentStatusChanged;
import io.contingo.report.component.ComponentWatch;
import io.contingo.report.component.StatusChangeRecord;
import io.contingo.report.component.StatusDays;

/**
 * The availability read from the components' days ({@link StatusDays}, kept as the changes arrive) is the one read from
 * their changes, for a random history delivered with repeats and late changes, around a daylight saving change and
 * with changes at midnight, on the MongoDB-wire server; and the days rebuilt from the history at start-up are the same.
 */
class StatusDaysIntegrationTests {

    static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    static final ComponentStatus[] STATUSES = ComponentStatus.values();

    static MongoClient client;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(TestInfrastructure.mongoUri("status-days"));
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void theDaysGiveTheFiguresTheChangesGiveWhateverTheDeliveryOrderAndRepeats() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        MongoTemplate mongo = new MongoTemplate(client, "status-days-" + seed);
        StatusDays days = new StatusDays(mongo, MADRID);
        days.afterSingletonsInstantiated(); // nothing to build yet

        List<String> ids = List.of("prod-web", "prod-api", "prod-db");
        List<ComponentStatusChanged> all = new ArrayList<>();
        for (String id : ids) {
            all.addAll(history(id, random));
        }
        List<ComponentStatusChanged> deliveries = deliveries(all, random);
        for (ComponentStatusChanged change : deliveries) {
            consume(mongo, days, change);
        }
        Instant lastChange = all.stream().map(ComponentStatusChanged::at).max(Comparator.naturalOrder()).orElseThrow();
        assertThat(deliveries.size()).as("seed " + seed + ": some changes delivered twice").isGreaterThan(all.size());

        assertSameFigures(mongo, days, all, lastChange, "seed " + seed + ", as the changes arrived");

        // the days built from the whole history, as at the first start
        mongo.getCollection("component_status_days_state").drop();
        mongo.getCollection("component_status_days").drop();
        mongo.getCollection("component_watch").drop();
        StatusDays rebuilt = new StatusDays(mongo, MADRID);
        rebuilt.afterSingletonsInstantiated();
        assertSameFigures(mongo, rebuilt, all, lastChange, "seed " + seed + ", rebuilt from the history");
    }

    private static void assertSameFigures(MongoTemplate mongo, StatusDays days, List<ComponentStatusChanged> all, Instant lastChange,
            String description) {
        List<Period> periods = List.of(new Period(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31), MADRID),
                new Period(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30), MADRID),
                new Period(LocalDate.of(2026, 10, 24), LocalDate.of(2026, 11, 2), MADRID),
                new Period(LocalDate.of(2026, 11, 28), LocalDate.of(2026, 12, 31), MADRID));
        List<Instant> nows = List.of(Instant.parse("2027-03-01T00:00:00Z"), lastChange.plusSeconds(5_000).plusMillis(300));
        int compared = 0;
        for (String id : all.stream().map(ComponentStatusChanged::componentId).distinct().toList()) {
            List<StatusChangeRecord> history = all.stream().filter(c -> c.componentId().equals(id))
                    .sorted(Comparator.comparingLong(ComponentStatusChanged::sequence))
                    .map(c -> new StatusChangeRecord(c.eventId(), id, id, "production", c.sequence(), c.from(), c.to(), c.at(), null))
                    .toList();
            ComponentWatch watch = mongo.findById(id, ComponentWatch.class);
            assertThat(watch.lastSequence()).as(description).isEqualTo(history.getLast().sequence());
            // watched since the catalog named it, or its first change if that came first (as MonthlyData says)
            Instant named = LocalDateTime.parse("2026-10-22T10:00").atZone(MADRID).toInstant();
            Instant since = watch.firstAt().isBefore(named) ? watch.firstAt() : named;
            Availability.Component component = new Availability.Component(id, id, "production", "Production", since);
            for (Period period : periods) {
                Map<LocalDate, io.contingo.report.component.StatusDay> byDay =
                        days.between(period.from(), period.to()).getOrDefault(id, Map.of());
                for (Instant now : nows) {
                    ComponentFigures fromChanges = Availability.of(component, history, period, now, 99.9, false);
                    ComponentFigures fromDays = Availability.of(component, watch, byDay, period, now, 99.9, false);
                    assertThat(fromDays).as(description + ", " + id + ", " + period + ", now " + now).isEqualTo(fromChanges);
                    compared++;
                }
            }
            assertThat(history).as(description + ": some downtime to compare").isNotEmpty();
        }
        assertThat(compared).isEqualTo(3 * 4 * 2);
    }

    /** The consumer's two steps: the change into the history (once), then into the days. */
    private static void consume(MongoTemplate mongo, StatusDays days, ComponentStatusChanged c) {
        try {
            mongo.insert(new StatusChangeRecord(c.eventId(), c.componentId(), c.componentName(), c.siteId(), c.sequence(), c.from(),
                    c.to(), c.at(), null));
        } catch (DuplicateKeyException alreadyStored) {
            // delivered twice
        }
        days.record(c);
    }

    /**
     * 150-250 changes from 15 October to 10 December 2026: gaps from under a second to two days, some at exactly a
     * local midnight (the clocks go back on 25 October), each from the status before it.
     */
    private static List<ComponentStatusChanged> history(String id, Random random) {
        List<ComponentStatusChanged> changes = new ArrayList<>();
        Instant at = LocalDateTime.parse("2026-10-15T00:00").atZone(MADRID).toInstant()
                .plusMillis((long) (random.nextDouble() * 10 * 86_400_000L));
        ComponentStatus from = STATUSES[random.nextInt(STATUSES.length)];
        int count = 150 + random.nextInt(100);
        for (int i = 1; i <= count; i++) {
            ComponentStatus to = STATUSES[random.nextInt(STATUSES.length)];
            changes.add(new ComponentStatusChanged(id + "-" + i, id, id, "production", i, from, to, at, null));
            from = to;
            double gap = random.nextDouble();
            at = gap < 0.05 ? at.plusMillis(random.nextInt(1_500))
                    : gap < 0.15 ? at.atZone(MADRID).toLocalDate().plusDays(1 + random.nextInt(2)).atStartOfDay(MADRID).toInstant()
                    : at.plusMillis((long) (random.nextDouble() * random.nextDouble() * 2 * 86_400_000L));
        }
        return changes;
    }

    /** Mostly in order, each component's changes on its own partition: some delivered again, some late. */
    private static List<ComponentStatusChanged> deliveries(List<ComponentStatusChanged> all, Random random) {
        List<ComponentStatusChanged> deliveries = new ArrayList<>(all);
        for (int i = 0; i + 1 < deliveries.size(); i++) {
            if (random.nextDouble() < 0.04) { // a later change overtakes this one
                deliveries.set(i, deliveries.set(i + 1, deliveries.get(i)));
                i++;
            }
        }
        for (int i = deliveries.size() - 1; i > 0; i--) {
            double r = random.nextDouble();
            if (r < 0.06) { // delivered again at once (the consumer failed before its offset was committed)
                deliveries.add(i + 1, deliveries.get(i));
            } else if (r < 0.09) { // delivered again a little later, after newer ones
                deliveries.add(Math.min(deliveries.size(), i + 1 + random.nextInt(6)), deliveries.get(i));
            }
        }
        return deliveries;
    }

    @Test
    void aChangeTakenAgainAfterAFailureBetweenItsDaysAndItsWatchAddsItsTimeOnce() {
        MongoTemplate mongo = new MongoTemplate(client, "status-days-again");
        StatusDays days = new StatusDays(mongo, MADRID);
        Instant ten = LocalDateTime.parse("2026-11-10T10:00").atZone(MADRID).toInstant();
        ComponentStatusChanged down = new ComponentStatusChanged("a", "prod-web", "Web", "production", 1,
                ComponentStatus.OPERATIONAL, ComponentStatus.MAJOR_OUTAGE, ten, null);
        ComponentStatusChanged up = new ComponentStatusChanged("b", "prod-web", "Web", "production", 2,
                ComponentStatus.MAJOR_OUTAGE, ComponentStatus.OPERATIONAL, ten.plus(Duration.ofMinutes(30)), null);
        consume(mongo, days, down);
        ComponentWatch before = mongo.findById("prod-web", ComponentWatch.class);
        consume(mongo, days, up);
        mongo.save(before); // as if the service had stopped after the days, before the watch: the change comes again
        for (ComponentStatusChanged c : List.of(up, up)) {
            consume(mongo, days, c);
        }
        assertThat(days.between(LocalDate.of(2026, 11, 10), LocalDate.of(2026, 11, 10)).get("prod-web"))
                .extractingByKey(LocalDate.of(2026, 11, 10)).satisfies(day -> assertThat(day.majorSeconds()).isEqualTo(1_800));
    }
}
