package io.contingo.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The modules of report-service are its top-level packages (backup, component, drp, incident, monthly, pdf, report, security,
 * snapshot): none may
 * depend on another in a circle, nor reach into another's sub-packages.
 */
class ModulesTests {

    private final ApplicationModules modules = ApplicationModules.of(ReportServiceApplication.class);

    @Test
    void theModulesDependOnEachOtherWithoutCycles() {
        modules.verify();
    }

    @Test
    void theReadModelsKnowNothingOfTheReports() {
        for (String readModel : new String[] {"incident", "component", "drp", "backup"}) {
            ApplicationModule module = modules.getModuleByName(readModel).orElseThrow();
            assertThat(module.getDirectDependencies(modules).stream().map(d -> d.getTargetModule().getName()))
                    .as(readModel).doesNotContain("report", "monthly", "pdf");
        }
    }
}
