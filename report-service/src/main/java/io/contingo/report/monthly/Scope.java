package io.contingo.report.monthly;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a report covers: every component ({@code all}), one site's ({@code site:production}), or chosen components
 * ({@code components:prod-web,prod-api}).
 */
public record Scope(String siteId, Set<String> componentIds) {

    public static final Scope ALL = new Scope(null, Set.of());
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,80}");

    /** {@code all}, {@code site:<id>} or {@code components:<id>,<id>}; blank is all; else 400 naming {@code scope}. */
    public static Scope parse(String text) {
        if (text == null || text.isBlank() || text.strip().equals("all")) {
            return ALL;
        }
        String scope = text.strip();
        if (scope.startsWith("site:") && ID.matcher(scope.substring(5)).matches()) {
            return new Scope(scope.substring(5), Set.of());
        }
        if (scope.startsWith("components:")) {
            Set<String> ids = new LinkedHashSet<>(Arrays.stream(scope.substring(11).split(",")).map(String::strip).toList());
            if (!ids.isEmpty() && ids.stream().allMatch(id -> ID.matcher(id).matches())) {
                return new Scope(null, Set.copyOf(ids));
            }
        }
        throw new BadReportRequest("scope", "scope must be 'all', 'site:<site id>' or 'components:<id>,<id>' (ids of"
                + " letters, digits, dots, dashes and underscores), not '" + text + "'");
    }

    public boolean includes(String componentId, String componentSiteId) {
        if (siteId != null) {
            return siteId.equals(componentSiteId);
        }
        return componentIds.isEmpty() || componentIds.contains(componentId);
    }

    @Override
    public String toString() {
        if (siteId != null) {
            return "site:" + siteId;
        }
        return componentIds.isEmpty() ? "all" : "components:" + String.join(",", componentIds.stream().sorted().toList());
    }
}
