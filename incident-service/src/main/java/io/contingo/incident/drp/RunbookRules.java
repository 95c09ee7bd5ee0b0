package io.contingo.incident.drp;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.contingo.events.DrpCommand.StepKind;
import io.contingo.starter.address.DenyList;

/**
 * What a runbook must be before it is stored: each problem names its field ({@code steps[2].url}) and says what
 * is wrong. A webhook whose address the deny-list refuses is refused here, when the runbook is saved.
 */
final class RunbookRules {

    private static final Set<String> ROLES = Set.of("active", "standby", "maintenance", "inactive");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private final DrpSettings settings;
    private final DenyList denyList;
    private final Set<String> sites;
    private final Set<String> components;

    RunbookRules(DrpSettings settings, DenyList denyList, Set<String> sites, Set<String> components) {
        this.settings = settings;
        this.denyList = denyList;
        this.sites = sites;
        this.components = components;
    }

    List<String> problems(Runbook runbook) {
        List<String> problems = new ArrayList<>();
        if (blank(runbook.id()) || !runbook.id().matches("[a-z0-9][a-z0-9-]{0,62}")) {
            problems.add("id: lower-case letters, digits and dashes, up to 63 characters");
        }
        if (blank(runbook.name())) {
            problems.add("name: is required");
        }
        if (runbook.kind() == null) {
            problems.add("kind: failover or return");
        }
        if (blank(runbook.pair()) || settings.pairs().stream().noneMatch(p -> p.id().equals(runbook.pair()))) {
            problems.add("pair: one of " + settings.pairs().stream().map(DrpSettings.Pair::id).toList());
        }
        if (runbook.steps().isEmpty()) {
            problems.add("steps: at least one step");
        }
        int previousGroup = -1;
        for (int i = 0; i < runbook.steps().size(); i++) {
            RunbookStep step = runbook.steps().get(i);
            String at = "steps[" + i + "].";
            if (step == null) {
                problems.add("steps[" + i + "]: is empty");
                continue;
            }
            if (blank(step.name())) {
                problems.add(at + "name: is required");
            }
            if (step.estimate() == null || step.estimate().isNegative() || step.estimate().isZero()) {
                problems.add(at + "estimate: a duration above zero (e.g. PT2M)");
            }
            if (step.timeout() != null && (step.timeout().isNegative() || step.timeout().isZero() || step.timeout().compareTo(Duration.ofHours(24)) > 0)) {
                problems.add(at + "timeout: between 1 s and 24 h");
            }
            int group = runbook.groupOf(i);
            if (group < previousGroup) {
                problems.add(at + "group: groups run in order; " + group + " comes after group " + previousGroup);
            }
            previousGroup = group;
            if (step.condition() != null && !step.condition().trim().matches("\\S+\\s+(?i)(UP|DOWN)")) {
                problems.add(at + "condition: a component id and UP or DOWN, e.g. \"prod-db DOWN\"");
            } else if (step.condition() != null && !components.contains(step.conditionComponent())) {
                problems.add(at + "condition: no component " + step.conditionComponent());
            }
            if (step.kind() == null) {
                problems.add(at + "kind: one of webhook, manual, wait-for-health, switch-entry, set-role, notify-customers");
                continue;
            }
            kindProblems(step, at, problems);
        }
        return problems;
    }

    private void kindProblems(RunbookStep step, String at, List<String> problems) {
        switch (step.kind()) {
            case WEBHOOK -> {
                webhookUrlProblem(step.url()).ifPresent(p -> problems.add(at + "url: " + p));
                if (step.method() != null && !METHODS.contains(step.method())) {
                    problems.add(at + "method: one of " + METHODS);
                }
                if (step.retries() != null && (step.retries() < 0 || step.retries() > 10)) {
                    problems.add(at + "retries: 0 to 10");
                }
                if (step.expectedStatus() != null && (step.expectedStatus() < 100 || step.expectedStatus() > 599)) {
                    problems.add(at + "expectedStatus: an HTTP status, 100 to 599");
                }
            }
            case WAIT_FOR_HEALTH -> {
                if (step.components().isEmpty()) {
                    problems.add(at + "components: at least one component that must be up");
                }
                step.components().stream().filter(c -> !components.contains(c))
                        .forEach(c -> problems.add(at + "components: no component " + c));
            }
            case SWITCH_ENTRY -> {
                if (step.site() != null && !sites.contains(step.site())) {
                    problems.add(at + "site: one of " + sites);
                }
            }
            case SET_ROLE -> {
                if (step.roles().isEmpty()) {
                    problems.add(at + "roles: site id → active, standby, maintenance or inactive");
                }
                step.roles().forEach((site, role) -> {
                    if (!sites.contains(site)) {
                        problems.add(at + "roles: no site " + site + "; sites: " + sites);
                    }
                    if (!ROLES.contains(role)) {
                        problems.add(at + "roles." + site + ": active, standby, maintenance or inactive, not " + role);
                    }
                });
                if (step.roles().values().stream().filter("active"::equals).count() > 1
                        || step.roles().values().stream().filter("standby"::equals).count() > 1) {
                    problems.add(at + "roles: at most one active and one standby site");
                }
            }
            case MANUAL, NOTIFY_CUSTOMERS -> {
                // nothing more to check
            }
        }
    }

    /** Why a webhook may not call this address, if it may not: not http(s), no host, or a denied address. */
    java.util.Optional<String> webhookUrlProblem(String url) {
        if (blank(url)) {
            return java.util.Optional.of("is required for a webhook");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return java.util.Optional.of("not a URL: " + e.getReason());
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            return java.util.Optional.of("an http:// or https:// URL with a host");
        }
        try {
            denyList.resolve(uri.getHost());
        } catch (io.contingo.starter.address.TargetRefusedException e) {
            return java.util.Optional.of(e.getMessage());
        } catch (java.net.UnknownHostException e) {
            return java.util.Optional.of("the host " + uri.getHost() + " does not resolve");
        }
        return java.util.Optional.empty();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
