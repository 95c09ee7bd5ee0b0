package io.contingo.report.monthly;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Collectors;

import io.contingo.events.DrpRunSnapshot;
import io.contingo.events.IncidentSnapshot;
import io.contingo.report.backup.BackupMonitorRecord;
import io.contingo.report.backup.GoodBackup;
import io.contingo.report.component.ComponentWatch;
import io.contingo.report.component.StatusChangeRecord;
import io.contingo.report.component.StatusDay;

/** Computes a period's figures from what the read models hold; pure, so the same events give the same figures. */
final class MonthlyCalculation {

    /**
     * What the figures are computed from: each component's availability from its days and ends ({@code days}) or,
     * without them, from its changes ({@code histories}).
     */
    record Inputs(List<Availability.Component> components, Map<String, List<StatusChangeRecord>> histories,
            List<IncidentSnapshot> incidents, List<DrpRunSnapshot> runs, List<BackupInput> backups, Days days,
            Translations translations) {

        Inputs(List<Availability.Component> components, Map<String, List<StatusChangeRecord>> histories,
                List<IncidentSnapshot> incidents, List<DrpRunSnapshot> runs, List<BackupInput> backups) {
            this(components, histories, incidents, runs, backups, null, Translations.NONE);
        }
    }

    /** The components' seconds in each status per day of the period, and each one's first and latest change. */
    record Days(Map<String, Map<LocalDate, StatusDay>> byComponent, Map<String, ComponentWatch> watches) {
    }

    /** A backup monitor and its good backups (from the last one before the period). */
    record BackupInput(BackupMonitorRecord monitor, List<GoodBackup> backups) {
    }

    private MonthlyCalculation() {
    }

    static MonthlyFigures compute(Inputs inputs, Period period, Scope scope, MonthlySettings settings, Instant now) {
        Instant asOf = Availability.min(period.end(), now);
        List<Availability.Component> inScope = inputs.components().stream().filter(c -> scope.includes(c.id(), c.siteId())).toList();
        Set<String> ids = inScope.stream().map(Availability.Component::id).collect(Collectors.toSet());
        Map<String, String> names = inScope.stream().collect(Collectors.toMap(Availability.Component::id, Availability.Component::name));

        List<ComponentFigures> components = inScope.stream()
                .map(c -> inputs.days() == null
                        ? Availability.of(c, inputs.histories().getOrDefault(c.id(), List.of()), period, now,
                                settings.targetOf(c.id()), settings.maintenanceIsDowntime())
                        : Availability.of(c, inputs.days().watches().get(c.id()), inputs.days().byComponent().getOrDefault(c.id(), Map.of()),
                                period, now, settings.targetOf(c.id()), settings.maintenanceIsDowntime()))
                .toList();
        List<IncidentSnapshot> touching = inputs.incidents().stream()
                .filter(i -> i.createdAt().isBefore(period.end()) && (i.resolvedAt() == null || !i.resolvedAt().isBefore(period.start())))
                .filter(i -> i.components().stream().anyMatch(c -> ids.contains(c.componentId()))
                        || i.components().isEmpty() && scope.includes("", i.siteId()))
                .sorted(Comparator.comparing(IncidentSnapshot::createdAt))
                .toList();
        List<IncidentLine> incidents = touching.stream().map(i -> IncidentLine.of(i, asOf)).toList();
        List<BackupFigures> backups = inputs.backups().stream()
                .filter(b -> ids.contains(b.monitor().componentId()))
                .map(b -> BackupFigures.of(b.monitor(), names.get(b.monitor().componentId()), b.backups(), period, now))
                .toList();
        List<DrpLine> runs = inputs.runs().stream()
                .filter(r -> DrpLine.since(r) != null && !DrpLine.since(r).isBefore(period.start()) && DrpLine.since(r).isBefore(period.end()))
                .filter(r -> scope.siteId() == null && scope.componentIds().isEmpty()
                        || Objects.equals(scope.siteId(), r.fromSiteId()) || Objects.equals(scope.siteId(), r.toSiteId()))
                .sorted(Comparator.comparing(DrpLine::since))
                .map(DrpLine::of)
                .toList();
        LocalDate today = asOf.atZone(period.zone()).toLocalDate();
        List<ActionLine> actions = inputs.incidents().stream()
                .filter(i -> i.components().stream().anyMatch(c -> ids.contains(c.componentId())) || scope.includes("", i.siteId()))
                .filter(i -> i.createdAt().isBefore(period.end()))
                .flatMap(i -> i.correctiveActions().stream().filter(a -> !a.done())
                        .map(a -> new ActionLine(i.id(), i.name(), a.description(), a.owner(), a.phase(), a.due(),
                                a.due() != null && a.due().isBefore(today))))
                .sorted(Comparator.comparing((ActionLine a) -> a.owner() == null ? "" : a.owner())
                        .thenComparing(ActionLine::phase).thenComparing(a -> a.due() == null ? LocalDate.MAX : a.due()))
                .toList();
        return new MonthlyFigures(period, scope.toString(), asOf, settings.maintenanceIsDowntime(),
                headline(components, incidents, period), components, incidents, backups, runs, actions, inputs.translations());
    }

    private static MonthlyFigures.Headline headline(List<ComponentFigures> components, List<IncidentLine> incidents, Period period) {
        Map<IncidentSnapshot.Severity, Integer> bySeverity = new EnumMap<>(IncidentSnapshot.Severity.class);
        for (IncidentSnapshot.Severity s : IncidentSnapshot.Severity.values()) {
            bySeverity.put(s, 0);
        }
        List<IncidentLine> opened = new ArrayList<>();
        for (IncidentLine i : incidents) {
            bySeverity.merge(i.severity(), 1, Integer::sum);
            if (!i.createdAt().isBefore(period.start())) {
                opened.add(i);
            }
        }
        OptionalDouble mtta = opened.stream().filter(i -> i.ttaSeconds() != null).mapToLong(IncidentLine::ttaSeconds).average();
        OptionalDouble mttr = opened.stream().filter(i -> i.ttrSeconds() != null).mapToLong(IncidentLine::ttrSeconds).average();
        return new MonthlyFigures.Headline(bySeverity, incidents.size(),
                components.stream().mapToLong(ComponentFigures::downtimeSeconds).sum(),
                components.stream().mapToLong(ComponentFigures::maintenanceSeconds).sum(),
                mtta.isPresent() ? Math.round(mtta.getAsDouble()) : null, mttr.isPresent() ? Math.round(mttr.getAsDouble()) : null,
                count(components, ComponentFigures.Verdict.MET), count(components, ComponentFigures.Verdict.MISSED),
                count(components, ComponentFigures.Verdict.NO_DATA));
    }

    private static int count(List<ComponentFigures> components, ComponentFigures.Verdict verdict) {
        return (int) components.stream().filter(c -> c.verdict() == verdict).count();
    }
}
