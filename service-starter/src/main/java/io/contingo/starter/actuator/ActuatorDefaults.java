package io.contingo.starter.actuator;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Health details ({@code show-details: when-authorized}) for ADMIN only, not for any signed-in account: the lowest
 * precedence default of every service, which a service's own settings may still change.
 */
class ActuatorDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("contingoActuatorDefaults",
                Map.of("management.endpoint.health.roles", "ADMIN")));
    }
}
