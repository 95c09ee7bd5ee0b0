package io.contingo.incident.incident;

import java.util.List;

import io.contingo.events.IncidentSnapshot.Impact;
import io.contingo.events.IncidentSnapshot.Severity;

/**
 * How the engine classifies an incident from the components it touches, until an agent judges it: neither its
 * severity nor its impact ever shrinks.
 */
final class Classification {

    private Classification() {
    }

    /**
     * SEV1 when major outages cover half the site or more, SEV2 for any major outage (or partial outages over
     * half the site), SEV3 for a smaller partial outage, SEV4 otherwise; never less than {@code current}.
     */
    static Severity severity(List<Affected> components, int siteComponentCount, Severity current) {
        long majors = components.stream().filter(a -> a.isOut() && a.isMajorOutage()).count();
        long out = components.stream().filter(Affected::isOut).count();
        int site = Math.max(1, siteComponentCount);
        Severity now;
        if (majors > 0 && majors * 2 >= site) {
            now = Severity.SEV1;
        } else if (majors > 0 || out * 2 >= site) {
            now = Severity.SEV2;
        } else if (out > 0) {
            now = Severity.SEV3;
        } else {
            now = Severity.SEV4;
        }
        return current == null || now.compareTo(current) < 0 ? now : current;
    }

    /**
     * Critical when the whole site is out, major when a component is in major outage, minor otherwise; never less
     * than {@code current}.
     */
    static Impact impact(List<Affected> components, int siteComponentCount, Impact current) {
        long out = components.stream().filter(Affected::isOut).count();
        if (out > 0 && out >= siteComponentCount && components.stream().filter(Affected::isOut).allMatch(Affected::isMajorOutage)) {
            return Impact.CRITICAL;
        }
        Impact now = components.stream().anyMatch(Affected::isMajorOutage) ? Impact.MAJOR : Impact.MINOR;
        return current == null || now.compareTo(current) > 0 ? now : current;
    }
}
