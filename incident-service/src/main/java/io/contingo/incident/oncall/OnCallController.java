package io.contingo.incident.oncall;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.contingo.incident.catalog.Catalog;
import io.contingo.incident.catalog.CatalogSettings;
import io.contingo.incident.incident.Incident;
import io.contingo.incident.incident.Incidents;
import io.contingo.incident.oncall.OnCallSchedule.Shift;
import io.contingo.incident.oncall.OnCallSettings.Handoff;
import io.contingo.incident.oncall.OnCallSettings.SiteSchedule;

/**
 * The console's on-call page ({@code /console/on-call}: per site, who is on call now at each level and when the next
 * hand-off is, and the recent pages), and the acknowledgement link of a page ({@code /console/pages/<token>}): its
 * GET only shows what it would acknowledge and a button, its POST (CSRF-protected, signed in) acknowledges the
 * incident as the console's own button does, which stops the escalation.
 */
@Controller
class OnCallController {

    private final Paging paging;
    private final PageLinks links;
    private final Incidents incidents;
    private final Catalog catalog;
    private final MongoTemplate mongo;
    private final Clock clock;
    private final MessageSource messages;

    OnCallController(Paging paging, PageLinks links, Incidents incidents, Catalog catalog, MongoTemplate mongo, Clock clock,
            MessageSource messages) {
        this.messages = messages;
        this.paging = paging;
        this.links = links;
        this.incidents = incidents;
        this.catalog = catalog;
        this.mongo = mongo;
        this.clock = clock;
    }

    /** One site on the on-call page. */
    record SiteOnCall(String siteId, String siteName, boolean scheduled, String zone, String handoff, String timeout,
            List<Shift> shifts, String nextHandoff) {
    }

    /** One recent page on the on-call page. */
    record RecentPage(String incidentId, String siteName, int level, String agent, String pagedAt, boolean escalation) {
    }

    @GetMapping("/console/on-call")
    String onCall(Model model, Principal user) {
        Instant now = clock.instant();
        Locale locale = LocaleContextHolder.getLocale();
        List<SiteOnCall> sites = new ArrayList<>();
        for (CatalogSettings.Site site : catalog.sites()) {
            Optional<SiteSchedule> found = paging.schedule(site.id());
            if (found.isEmpty()) {
                sites.add(new SiteOnCall(site.id(), site.name(), false, null, null, null, List.of(), null));
                continue;
            }
            SiteSchedule schedule = found.get();
            List<Shift> shifts = OnCallSchedule.at(schedule, now);
            String time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).format(schedule.handoffTime());
            String handoff = messages.getMessage("oncall.handoff." + schedule.handoff(),
                    new Object[] { time, schedule.handoffDay().getDisplayName(TextStyle.FULL, locale) }, locale);
            sites.add(new SiteOnCall(site.id(), site.name(), true, schedule.timeZone().getId(), handoff,
                    io.contingo.starter.text.ReadableDuration.of(schedule.acknowledgementTimeout()), shifts,
                    at(shifts.getFirst().until(), schedule.timeZone(), locale)));
        }
        model.addAttribute("sites", sites);
        model.addAttribute("recent", paging.recent(20).stream().map(p -> view(p, locale)).toList());
        model.addAttribute("user", user.getName());
        return "console/on-call";
    }

    @GetMapping("/console/pages/{token}")
    String confirm(@PathVariable String token, Model model, Principal user) {
        Page page = page(token);
        Incident incident = incident(page);
        model.addAttribute("page", view(page, LocaleContextHolder.getLocale()));
        model.addAttribute("incidentName", incident.snapshot().name());
        model.addAttribute("awaitsAcknowledgement", incident.awaitsAcknowledgement());
        model.addAttribute("acknowledgedBy", incident.figures().acknowledgedBy());
        model.addAttribute("open", incident.isOpen());
        model.addAttribute("token", token);
        model.addAttribute("user", user.getName());
        return "console/page";
    }

    @PostMapping("/console/pages/{token}")
    String acknowledge(@PathVariable String token, Principal user, RedirectAttributes redirect) {
        Page page = page(token);
        for (int attempt = 0; attempt < 5; attempt++) {
            Incident incident = incident(page);
            long version = incident.version();
            if (!incident.acknowledge(user.getName(), clock.instant())) {
                break; // acknowledged already (or resolved): nothing to stop
            }
            try {
                incidents.saveAgentChange(incident, version);
                redirect.addFlashAttribute("notice", "You acknowledged this incident.");
                break;
            } catch (OptimisticLockingFailureException changed) {
                // the engine or an agent changed it meanwhile: read it again
            }
        }
        return "redirect:/console/incidents/" + page.incidentId;
    }

    private Page page(String token) {
        return links.pageId(token).map(id -> mongo.findById(id, Page.class))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "This acknowledgement link is not valid"));
    }

    private Incident incident(Page page) {
        return incidents.find(page.incidentId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private RecentPage view(Page page, Locale locale) {
        String siteName = catalog.sites().stream().filter(s -> s.id().equals(page.siteId)).map(CatalogSettings.Site::name).findFirst()
                .orElse(page.siteId);
        return new RecentPage(page.incidentId, siteName, page.level, page.agent, at(page.pagedAt, catalog.page().timeZone(), locale),
                page.level > 1);
    }

    private static String at(Instant instant, java.time.ZoneId zone, Locale locale) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale).withZone(zone).format(instant)
                + " (" + zone.getId() + ")";
    }
}
