package io.contingo.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The modules of health-service are its top-level packages (address, condition, follow, catalog, monitor, push,
 * probe, parked, admin, security): none may depend on another in a circle, nor reach into another's sub-packages.
 * New capabilities land as modules of their own under this test.
 */
class ModulesTests {

    private final ApplicationModules modules = ApplicationModules.of(HealthServiceApplication.class);

    @Test
    void theModulesDependOnEachOtherWithoutCycles() {
        modules.verify();
    }

    @Test
    void theMonitorsKnowNothingOfHowTheyAreCheckedPushedOrShown() {
        ApplicationModule monitor = modules.getModuleByName("monitor").orElseThrow();
        assertThat(monitor.getDirectDependencies(modules).stream().map(d -> d.getTargetModule().getName()).distinct())
                .doesNotContain("probe", "push", "parked", "admin");
    }
}
