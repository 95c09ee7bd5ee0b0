package io.contingo.incident.statuspage;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import io.contingo.events.IncidentSnapshot;
import io.contingo.incident.incident.Incident;
import io.contingo.incident.incident.Incidents;

/** The public status page, each incident's public page, and the incident history by month. */
@Controller
class StatusPageController {

    private final PublicView view;
    private final Incidents incidents;
    private final ServingSites servingSites;

    StatusPageController(PublicView view, Incidents incidents, ServingSites servingSites) {
        this.view = view;
        this.incidents = incidents;
        this.servingSites = servingSites;
    }

    @GetMapping("/")
    String statusPage(Model model) {
        model.addAttribute("summary", view.now());
        model.addAttribute("serving", servingSites.now());
        return "statuspage/index";
    }

    @GetMapping("/incidents/{id}")
    String incident(@PathVariable String id, Model model) {
        if (!id.matches("[A-Za-z0-9-]{1,80}")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Malformed incident id");
        }
        StatusSummary.Snapshot now = view.now();
        IncidentSnapshot incident = now.incident(id) // older incidents than the read model keeps come from the database
                .or(() -> incidents.find(id).map(Incident::snapshot))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No incident " + id));
        model.addAttribute("summary", now);
        model.addAttribute("incident", incident.in(LocaleContextHolder.getLocale().getLanguage()));
        return "statuspage/incident";
    }

    /** {@code /history?month=2026-11}: the incidents opened in a month (default: this one), with links to the months around it. */
    @GetMapping("/history")
    String history(@RequestParam(required = false) String month, Model model) {
        StatusSummary.Snapshot now = view.now();
        ZoneId zone = now.page().timeZone();
        YearMonth shown;
        try {
            shown = month == null || month.isBlank() ? YearMonth.from(now.today()) : YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Give the month as YYYY-MM, for example 2026-11");
        }
        Instant from = shown.atDay(1).atStartOfDay(zone).toInstant();
        Instant to = shown.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        List<IncidentSnapshot> opened = incidents.openedBetween(from, to).stream().map(Incident::snapshot).toList();
        model.addAttribute("summary", now);
        model.addAttribute("month", shown);
        model.addAttribute("monthStart", from);
        model.addAttribute("incidents", opened);
        model.addAttribute("previous", shown.minusMonths(1));
        model.addAttribute("next", shown.isBefore(YearMonth.from(now.today())) ? shown.plusMonths(1) : null);
        return "statuspage/history";
    }
}
