package io.contingo.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The modules of notification-service are its top-level packages (delivery, subscriber, security): none may
 * depend on another in a circle, nor reach into another's sub-packages.
 */
class ModulesTests {

    private final ApplicationModules modules = ApplicationModules.of(NotificationServiceApplication.class);

    @Test
    void theModulesDependOnEachOtherWithoutCycles() {
        modules.verify();
    }

    @Test
    void subscribersKnowNothingOfDeliveries() {
        ApplicationModule subscriber = modules.getModuleByName("subscriber").orElseThrow();
        assertThat(subscriber.getDirectDependencies(modules).stream().map(d -> d.getTargetModule().getName()))
                .doesNotContain("delivery");
    }
}
