package io.contingo.health.probe;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Where check results wait and how long they are kept: the results part of {@code contingo.probe}, beside
 * {@link io.contingo.health.monitor.ProbeSettings} (who the probe is and what it must never reach).
 *
 * @param buffer  how many results may wait for Kafka, and as many again for the database
 * @param history how long the database keeps each monitor's past results
 */
@Validated
@ConfigurationProperties("contingo.probe")
public record ResultSettings(@DefaultValue @Valid Buffer buffer, @DefaultValue @Valid History history) {

    /** @param capacity results that may wait for each destination; past it the oldest are dropped and counted */
    public record Buffer(@DefaultValue("20000") @Min(1) int capacity) {
    }

    /**
     * @param retention     results observed longer ago than this are deleted
     * @param countsFlush   how often the results counted per five minutes (uptime, response times) are added to the
     *                      database: one write per monitor and five minutes each time, however many checks it made
     */
    public record History(@DefaultValue("7d") @NotNull Duration retention, @DefaultValue("30s") @NotNull Duration countsFlush) {
    }
}
