package io.contingo.incident;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The modules of incident-service are its top-level packages (catalog, component, incident, maintenance, outbox,
 * statuspage, console, security, and the disaster recovery's drp and steps): none may depend on another in a circle,
 * nor reach into another's sub-packages. New capabilities (paging) land as modules of their own under this test.
 */
class ModulesTests {

    private final ApplicationModules modules = ApplicationModules.of(IncidentServiceApplication.class);

    @Test
    void theModulesDependOnEachOtherWithoutCycles() {
        modules.verify();
    }

    @Test
    void theOutboxKnowsNoneOfTheDocumentsItRelays() {
        ApplicationModule outbox = modules.getModuleByName("outbox").orElseThrow();
        assertThat(outbox.getDirectDependencies(modules).stream().map(d -> d.getTargetModule().getName()))
                .doesNotContain("incident", "component");
    }
}
