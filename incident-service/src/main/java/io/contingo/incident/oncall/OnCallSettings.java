package io.contingo.incident.oncall;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import io.contingo.events.AgentPaged;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/**
 * {@code contingo.oncall}: who is paged when an incident of a site opens or reopens. Per site of the catalog, a
 * schedule: escalation levels, each a rotation of agents that hands off daily or weekly at a local time; an
 * incident nobody acknowledges within the timeout pages the next level, up to the last.
 *
 * @param sites       the schedules, one per site id of {@code contingo.catalog}; a site without one pages nobody
 * @param checkEvery  how often the escalator looks for incidents to page about
 * @param consoleUrl  the console as an agent's browser reaches it: the pages' links start with it
 * @param linkSecret  the key of the acknowledgement links' signature
 */
@Validated
@ConfigurationProperties("contingo.oncall")
public record OnCallSettings(
        @DefaultValue({}) List<@Valid SiteSchedule> sites,
        @DefaultValue("5s") @NotNull Duration checkEvery,
        @DefaultValue("http://localhost:8080") @NotBlank String consoleUrl,
        @DefaultValue("local-demo-paging-secret-not-for-production-use") @NotBlank String linkSecret) {

    /** How often the rotation changes hands. */
    public enum Handoff { DAILY, WEEKLY }

    /**
     * One site's on-call schedule.
     *
     * @param site                   the catalog's site id
     * @param timeZone               where the hand-off time is read
     * @param handoff                daily or weekly
     * @param handoffTime            the local time of the hand-off
     * @param handoffDay             the day of a weekly hand-off
     * @param rotationStart          the local day the first of each rotation is on call (at the hand-off time)
     * @param acknowledgementTimeout how long a level has to acknowledge before the next one is paged
     * @param levels                 the escalation levels, first paged first
     */
    public record SiteSchedule(
            @NotBlank String site,
            @DefaultValue("UTC") @NotNull ZoneId timeZone,
            @DefaultValue("weekly") @NotNull Handoff handoff,
            @DefaultValue("09:00") @NotNull LocalTime handoffTime,
            @DefaultValue("monday") @NotNull DayOfWeek handoffDay,
            @DefaultValue("2026-01-05") @NotNull LocalDate rotationStart,
            @DefaultValue("5m") @NotNull Duration acknowledgementTimeout,
            @NotEmpty List<@Valid Level> levels) {
    }

    /** An escalation level: the agents who take turns, in this order. */
    public record Level(@NotEmpty List<@Valid Agent> rotation) {
    }

    /**
     * An agent who can be paged.
     *
     * @param username    the console login (shown on the timeline)
     * @param email       where the page is emailed
     * @param webhookUrl  where the page is also posted, or none
     * @param webhookKind the body posted: a generic JSON document, or a Slack incoming webhook's
     */
    public record Agent(
            @NotBlank String username,
            @NotBlank String email,
            String webhookUrl,
            @DefaultValue("generic") @NotNull AgentPaged.Webhook.Kind webhookKind) {

        List<AgentPaged.Webhook> webhooks() {
            return webhookUrl == null || webhookUrl.isBlank() ? List.of() : List.of(new AgentPaged.Webhook(webhookUrl.strip(), webhookKind));
        }
    }
}
