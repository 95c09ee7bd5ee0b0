package io.contingo.health.monitor;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;

/**
 * The monitors this service checks, from the monitors file ({@code contingo.monitors}). An invalid monitor
 * stops the service at start-up with a message naming the field.
 */
@Validated
@ConfigurationProperties("contingo")
public record MonitorSettings(@DefaultValue List<@Valid WrittenMonitor> monitors) {

    /** The monitors of the file, each of its type. */
    public List<MonitorDefinition> definitions() {
        return monitors.stream().map(WrittenMonitor::definition).toList();
    }
}
