package io.contingo.incident.component;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import io.contingo.events.ComponentStatus;

/**
 * What the disaster recovery asks of the components' public status: whether a site's components are all out (and
 * since when), or all up.
 */
@Component
public class SiteHealth {

    /** One component's status, as stored, and since when it has had it. */
    public record Status(String componentId, ComponentStatus status, Instant since) {

        public boolean isUp() {
            return status == ComponentStatus.OPERATIONAL;
        }

        public boolean isDown() {
            return status == ComponentStatus.MAJOR_OUTAGE;
        }
    }

    private final ComponentStates states;

    SiteHealth(ComponentStates states) {
        this.states = states;
    }

    /** The stored status of each of the components (a component never seen is operational). */
    public Map<String, Status> of(Collection<String> componentIds) {
        Map<String, Status> found = states.find(componentIds).stream()
                .map(s -> new Status(s.componentId(), s.status(), s.updatedAt()))
                .collect(Collectors.toMap(Status::componentId, Function.identity()));
        for (String id : componentIds) {
            found.putIfAbsent(id, new Status(id, ComponentStatus.OPERATIONAL, null));
        }
        return found;
    }

    /** Whether every one of the components is operational. */
    public boolean allUp(List<String> componentIds) {
        return of(componentIds).values().stream().allMatch(Status::isUp);
    }
}
