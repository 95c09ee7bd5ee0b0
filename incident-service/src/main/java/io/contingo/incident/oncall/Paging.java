package io.contingo.incident.oncall;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.contingo.events.AgentPaged;
import io.contingo.events.IncidentSnapshot;
import io.contingo.incident.catalog.Catalog;
import io.contingo.incident.incident.Activity;
import io.contingo.incident.incident.Incident;
import io.contingo.incident.incident.Incidents;
import io.contingo.incident.oncall.OnCallSchedule.Shift;
import io.contingo.incident.oncall.OnCallSettings.SiteSchedule;
import io.contingo.incident.outbox.OutboxSignal;
import io.contingo.starter.relay.RelayLoop;

/**
 * Pages and escalates, every {@code contingo.oncall.check-every}: for each open incident nobody has acknowledged since
 * it opened or last reopened, the level-1 on-call agent of its site is paged; when a level's page stays
 * unacknowledged for the site's acknowledgement timeout, the next level is paged, up to the last. Everything it
 * decides from is stored (the incidents, the {@link Page}s), nothing is held in memory: a restart or a second
 * instance goes on where it was, and a page's unique id keeps it from going out twice. Then each page is put on its
 * incident's timeline, once ({@link Incidents#logOnce}). Acknowledging the incident, in the console or through the
 * page's link, is what stops it.
 */
@Component
class Paging implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Paging.class);

    private final MongoTemplate mongo;
    private final Incidents incidents;
    private final OutboxSignal outbox;
    private final PageLinks links;
    private final Clock clock;
    private final Map<String, SiteSchedule> schedules = new HashMap<>();
    private final Map<String, String> siteNames = new HashMap<>();
    private final RelayLoop loop;

    Paging(MongoTemplate mongo, Incidents incidents, OutboxSignal outbox, PageLinks links, Clock clock, OnCallSettings settings,
            Catalog catalog) {
        this.mongo = mongo;
        this.incidents = incidents;
        this.outbox = outbox;
        this.links = links;
        this.clock = clock;
        catalog.sites().forEach(site -> siteNames.put(site.id(), site.name()));
        for (SiteSchedule schedule : settings.sites()) {
            if (!siteNames.containsKey(schedule.site())) {
                throw new IllegalStateException("contingo.oncall.sites names the site '" + schedule.site()
                        + "', which contingo.catalog does not have (it has " + siteNames.keySet() + ")");
            }
            schedules.put(schedule.site(), schedule);
        }
        this.loop = new RelayLoop("paging", settings.checkEvery(), this::pass);
    }

    /** The schedule of a site, if it has one. */
    Optional<SiteSchedule> schedule(String siteId) {
        return Optional.ofNullable(schedules.get(siteId));
    }

    /** One look at every open incident: pages and escalations due now, then the timeline lines not yet written. */
    void pass() {
        Instant now = clock.instant();
        for (Incident incident : incidents.unresolved()) {
            if (incident.awaitsAcknowledgement()) {
                pageIfDue(incident, now);
            }
        }
        for (Page page : mongo.find(withoutOutbox(query(where("logged").is(false))), Page.class)) {
            log(page);
        }
    }

    private void pageIfDue(Incident incident, Instant now) {
        IncidentSnapshot snapshot = incident.snapshot();
        SiteSchedule schedule = schedules.get(snapshot.siteId());
        if (schedule == null) {
            return;
        }
        int opening = incident.opening();
        Page last = mongo.findOne(withoutOutbox(query(where("incidentId").is(incident.id()).and("opening").is(opening)
                .and("siteId").is(snapshot.siteId())).with(Sort.by(Sort.Direction.DESC, "level"))), Page.class);
        if (last == null) {
            page(snapshot, opening, schedule, 1, now);
        } else if (last.level < schedule.levels().size() && !now.isBefore(last.pagedAt.plus(schedule.acknowledgementTimeout()))) {
            page(snapshot, opening, schedule, last.level + 1, now);
        }
    }

    private void page(IncidentSnapshot incident, int opening, SiteSchedule schedule, int level, Instant now) {
        Shift shift = OnCallSchedule.at(schedule, level, now);
        String id = Page.id(incident.id(), opening, incident.siteId(), level);
        AgentPaged paged = new AgentPaged(id, incident.id(), opening, incident.name(),
                incident.severity() == null ? null : incident.severity().name(), incident.siteId(), siteNames.get(incident.siteId()),
                level, level > 1, shift.agent().username(), shift.agent().email(), shift.agent().webhooks(),
                links.incidentUrl(incident.id()), links.acknowledgeUrl(id), now);
        Page page = Page.of(paged);
        page.line = line(paged, schedule);
        try {
            mongo.insert(page);
        } catch (DuplicateKeyException pagedAlready) {
            return; // another instance paged this level at the same moment
        }
        outbox.wake();
        log.info("Incident {}: paged {} (level {} on call for {})", incident.id(), paged.agent(), level, incident.siteId());
        log(page);
    }

    /** What the timeline says of a page. */
    private static String line(AgentPaged paged, SiteSchedule schedule) {
        String channels = paged.webhooks().isEmpty() ? "by email" : "by email and webhook";
        String who = paged.agent() + " (level " + paged.level() + " on call for " + paged.siteName() + ")";
        return paged.escalation()
                ? "Nobody acknowledged within " + io.contingo.starter.text.ReadableDuration.of(schedule.acknowledgementTimeout())
                        + ": escalated to " + who + ", paged " + channels
                : "Paged " + who + " " + channels;
    }

    /** Puts the page on its incident's timeline, once, then notes that it is there. */
    private void log(Page page) {
        incidents.logOnce(page.incidentId, new Activity(page.pagedAt, null, page.level > 1 ? Activity.Kind.ESCALATED : Activity.Kind.PAGED,
                page.line, page.id));
        mongo.updateFirst(query(where("_id").is(page.id)), new Update().set("logged", true), Page.class);
    }

    /** The most recent pages, newest first, without their outbox. */
    List<Page> recent(int limit) {
        return mongo.find(withoutOutbox(new Query()).with(Sort.by(Sort.Direction.DESC, "pagedAt")).limit(limit), Page.class);
    }

    private static Query withoutOutbox(Query query) {
        query.fields().exclude("outbox");
        return query;
    }

    /**
     * The pages' indexes, before the first page is written: an incident's pages (every pass), those not yet on their
     * timeline (every pass), the relay's pending ones (every round) and the most recent (the on-call page). Where
     * MongoDB cannot be reached yet, paging starts without them (the reads stay correct, only slower).
     */
    @Override
    public void start() {
        try {
            var indexes = mongo.indexOps(Page.class);
            indexes.createIndex(new Index().on("incidentId", Direction.ASC).on("opening", Direction.ASC).on("siteId", Direction.ASC)
                    .on("level", Direction.DESC).named("incident_opening_site_level"));
            indexes.createIndex(new Index().on("logged", Direction.ASC).named("logged"));
            indexes.createIndex(new Index().on("pendingEvents", Direction.ASC).named("pending_events"));
            indexes.createIndex(new Index().on("pagedAt", Direction.DESC).named("paged"));
        } catch (RuntimeException e) {
            log.warn("Could not create the pages' indexes: {}", e.getMessage());
        }
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop(java.time.Duration.ofSeconds(5));
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }
}
