package io.contingo.notification.paging;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import io.contingo.events.AgentPaged;
import tools.jackson.databind.json.JsonMapper;

/** What a page says: the agent's email (text and HTML, every value escaped), and the two webhook bodies. */
@Component
class PageMessages {

    /** An email to send. */
    record Mail(String subject, String text, String html) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MessageSource messages;
    private final Locale locale;
    private final ZoneId zone;

    PageMessages(MessageSource messages, PagingSettings settings,
            @org.springframework.beans.factory.annotation.Value("${contingo.notification.time-zone:UTC}") String zone) {
        this.messages = messages;
        this.locale = Locale.forLanguageTag(settings.language());
        this.zone = ZoneId.of(zone);
    }

    Mail mail(AgentPaged page) {
        String subject = text("paging.subject", page.severity() == null ? "" : "[" + page.severity() + "] ", page.incidentName(), page.level());
        String why = page.escalation() ? text("paging.escalated", page.level(), page.siteName())
                : text("paging.first", page.level(), page.siteName());
        String when = text("paging.when", time(page));
        String acknowledge = text("paging.acknowledge");
        String incident = text("paging.incident");
        String foot = text("paging.foot");
        String plain = String.join("\n\n", text("paging.hello", page.agent()), why, page.incidentName() + "\n" + when,
                acknowledge + ": " + page.acknowledgeUrl(), incident + ": " + page.incidentUrl(), foot) + "\n";
        String html = "<!DOCTYPE html><html><body style=\"font-family:sans-serif\">"
                + "<p>" + e(text("paging.hello", page.agent())) + "</p>"
                + "<p>" + e(why) + "</p>"
                + "<p><strong>" + e(page.incidentName()) + "</strong><br>" + e(when) + "</p>"
                + "<p><a href=\"" + e(page.acknowledgeUrl()) + "\">" + e(acknowledge) + "</a> · <a href=\"" + e(page.incidentUrl()) + "\">"
                + e(incident) + "</a></p>"
                + "<p style=\"color:#555\">" + e(foot) + "</p></body></html>";
        return new Mail(subject, plain, html);
    }

    /** The generic webhook's JSON body: the page's facts under stable names. */
    String genericBody(AgentPaged page) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", "agent.paged");
        body.put("page_id", page.eventId());
        body.put("incident_id", page.incidentId());
        body.put("incident_name", page.incidentName());
        body.put("severity", page.severity());
        body.put("site_id", page.siteId());
        body.put("site_name", page.siteName());
        body.put("level", page.level());
        body.put("escalation", page.escalation());
        body.put("agent", page.agent());
        body.put("paged_at", page.pagedAt().toString());
        body.put("incident_url", page.incidentUrl());
        body.put("acknowledge_url", page.acknowledgeUrl());
        return JSON.writeValueAsString(body);
    }

    /** A Slack incoming webhook's body: one text, with Slack's links. */
    String slackBody(AgentPaged page) {
        String why = page.escalation() ? text("paging.escalated", page.level(), page.siteName())
                : text("paging.first", page.level(), page.siteName());
        String text = ":rotating_light: *" + slack((page.severity() == null ? "" : "[" + page.severity() + "] ") + page.incidentName()) + "*\n"
                + slack(page.agent() + ": " + why) + "\n"
                + "<" + page.acknowledgeUrl() + "|" + slack(text("paging.acknowledge")) + "> · <" + page.incidentUrl() + "|"
                + slack(text("paging.incident")) + ">";
        return JSON.writeValueAsString(Map.of("text", text));
    }

    private String time(AgentPaged page) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale).withZone(zone)
                .format(page.pagedAt()) + " (" + zone.getId() + ")";
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    private static String e(String value) {
        return value == null ? "" : HtmlUtils.htmlEscape(value);
    }

    /** Slack's own escaping of text: &, < and >. */
    private static String slack(String value) {
        return value == null ? "" : value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
