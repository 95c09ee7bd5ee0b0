package io.contingo.incident.statuspage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

import io.contingo.events.ComponentStatus;
import io.contingo.events.IncidentSnapshot;
import io.contingo.events.IncidentSnapshot.AffectedComponent;
import io.contingo.events.IncidentSnapshot.Window;
import io.contingo.incident.catalog.CatalogSettings;
import io.contingo.incident.catalog.TestCatalogs;
import tools.jackson.databind.json.JsonMapper;

/**
 * Behind a load balancer, two instances that serve the same content answer the same ETag, though each built its
 * read model on its own, at its own time and with its own count of rebuilds; other content, another ETag.
 */
class StatuspageApiControllerTests {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final Map<String, Function<StatuspageApiController, ResponseEntity<byte[]>>> ENDPOINTS = Map.of(
            "summary", c -> c.summary(null), "status", c -> c.status(null), "components", c -> c.components(null),
            "incidents", c -> c.incidents(null), "unresolved", c -> c.unresolved(null),
            "maintenances", c -> c.scheduledMaintenances(null), "upcoming", c -> c.upcomingMaintenances(null),
            "active", c -> c.activeMaintenances(null));

    private final StatusSummary summary = new StatusSummary(TestCatalogs.of(new CatalogSettings(
            new CatalogSettings.Page("contingo", "Contingo", URI.create("http://127.0.0.1:1/"), null, ZoneId.of("Europe/Madrid")),
            List.of(new CatalogSettings.Site("production", "Production", "active", URI.create("http://127.0.0.1:1"),
                    List.of(new CatalogSettings.Component("web", "Web", ""), new CatalogSettings.Component("api", "API", ""))))),
            () -> { }));

    @Test
    void twoInstancesWithTheSameDataAnswerTheSameEtagAndOtherDataAnother() {
        // "api" has no state yet (no event touched it): it must not take each instance's build time as its creation
        StatuspageApiController first = instance(summary.build(1, states(ComponentStatus.OPERATIONAL), List.of(resolved()), List.of(), NOW));
        StatuspageApiController second = instance(summary.build(57, states(ComponentStatus.OPERATIONAL), List.of(resolved()), List.of(),
                NOW.plusSeconds(30)));
        StatuspageApiController changed = instance(summary.build(2, states(ComponentStatus.PARTIAL_OUTAGE), List.of(resolved()), List.of(),
                NOW.plusSeconds(30)));

        ENDPOINTS.forEach((name, endpoint) -> {
            ResponseEntity<byte[]> a = endpoint.apply(first);
            ResponseEntity<byte[]> b = endpoint.apply(second);
            assertThat(new String(b.getBody())).as(name).isEqualTo(new String(a.getBody()));
            assertThat(b.getHeaders().getETag()).as(name).isEqualTo(a.getHeaders().getETag()).matches("\"[A-Za-z0-9_-]{22}\"");
            assertThat(endpoint.apply(first).getHeaders().getETag()).as(name + ", asked again").isEqualTo(a.getHeaders().getETag());
        });
        for (var endpoint : List.of(ENDPOINTS.get("summary"), ENDPOINTS.get("status"), ENDPOINTS.get("components"))) {
            assertThat(endpoint.apply(changed).getHeaders().getETag()).isNotEqualTo(endpoint.apply(first).getHeaders().getETag());
        }
    }

    @Test
    void aClientThatAcceptsGzipGetsTheSameJsonCompressedWithItsOwnEtagTheSameFromEveryInstance() throws Exception {
        StatuspageApiController first = instance(summary.build(1, states(ComponentStatus.OPERATIONAL), List.of(resolved()), List.of(), NOW));
        StatuspageApiController second = instance(summary.build(9, states(ComponentStatus.OPERATIONAL), List.of(resolved()), List.of(),
                NOW.plusSeconds(30)));

        ResponseEntity<byte[]> plain = first.summary(null);
        ResponseEntity<byte[]> zipped = first.summary("br, gzip;q=0.8, deflate");
        assertThat(plain.getBody().length).as("a summary is worth compressing").isGreaterThanOrEqualTo(ServedBody.COMPRESSED_FROM);
        assertThat(plain.getHeaders().getFirst(HttpHeaders.CONTENT_ENCODING)).isNull();
        assertThat(zipped.getHeaders().getFirst(HttpHeaders.CONTENT_ENCODING)).isEqualTo("gzip");
        assertThat(zipped.getHeaders().getVary()).contains(HttpHeaders.ACCEPT_ENCODING);
        assertThat(plain.getHeaders().getVary()).contains(HttpHeaders.ACCEPT_ENCODING);
        try (var in = new GZIPInputStream(new ByteArrayInputStream(zipped.getBody()))) {
            assertThat(in.readAllBytes()).isEqualTo(plain.getBody());
        }
        assertThat(zipped.getBody().length).isLessThan(plain.getBody().length);
        assertThat(zipped.getHeaders().getETag()).isNotEqualTo(plain.getHeaders().getETag());
        assertThat(second.summary("gzip").getHeaders().getETag()).as("another instance").isEqualTo(zipped.getHeaders().getETag());
        assertThat(first.summary("gzip;q=0").getHeaders().getFirst(HttpHeaders.CONTENT_ENCODING)).as("refused").isNull();
        assertThat(first.status("gzip").getHeaders().getFirst(HttpHeaders.CONTENT_ENCODING)).as("too small to compress").isNull();
    }

    private static StatuspageApiController instance(StatusSummary.Snapshot snapshot) {
        PublicView view = mock(PublicView.class);
        when(view.now()).thenReturn(snapshot);
        return new StatuspageApiController(view, JsonMapper.builder().build());
    }

    private static Map<String, PublicView.ComponentEntry> states(ComponentStatus web) {
        Instant at = Instant.parse("2026-11-20T08:00:00Z");
        return Map.of("web", new PublicView.ComponentEntry(4, web, Instant.parse("2026-01-05T10:00:00Z"), at));
    }

    private static IncidentSnapshot resolved() {
        return new IncidentSnapshot("inc-20261120-0800-production", "Web down", "production", "Production", IncidentSnapshot.Status.RESOLVED,
                IncidentSnapshot.Impact.MAJOR, Instant.parse("2026-11-20T07:00:00Z"), Instant.parse("2026-11-20T08:00:00Z"),
                List.of(new AffectedComponent("web", "Web", ComponentStatus.MAJOR_OUTAGE,
                        List.of(new Window(Instant.parse("2026-11-20T07:00:00Z"), Instant.parse("2026-11-20T07:55:00Z"))))),
                List.of(), null, List.of(), null, null);
    }
}
