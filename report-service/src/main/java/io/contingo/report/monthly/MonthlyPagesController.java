package io.contingo.report.monthly;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A manager asks for a service report of any period from {@code /reports}; its page shows how far the generation got,
 * then the report's headline figures and its documents.
 */
@Controller
class MonthlyPagesController {

    private final MonthlyReports reports;

    MonthlyPagesController(MonthlyReports reports) {
        this.reports = reports;
    }

    /**
     * Starts a report: {@code month} (yyyy-mm), or {@code from} and {@code to} when {@code period=days}; a mistake
     * goes back to {@code /reports} with the message next to its field and the values kept.
     */
    @PostMapping("/reports/monthly")
    String request(@RequestParam(defaultValue = "month") String period, @RequestParam(required = false) String month,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String scope, Principal user, RedirectAttributes redirect) {
        try {
            Period asked = "days".equals(period) ? Period.ofDays(from, to, reports.zone()) : Period.ofMonth(month, "month", reports.zone());
            StoredReport report = reports.request(asked, Scope.parse(scope), user.getName());
            return "redirect:/reports/monthly/" + report.id();
        } catch (BadReportRequest e) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("period", period);
            values.put("month", month == null ? "" : month);
            values.put("from", from == null ? "" : from);
            values.put("to", to == null ? "" : to);
            values.put("scope", scope == null ? "" : scope);
            redirect.addFlashAttribute("requestError", Map.of(e.parameter(), e.getMessage()));
            redirect.addFlashAttribute("requestValues", values);
            return "redirect:/reports#new-report";
        }
    }

    @GetMapping("/reports/monthly/{id:[A-Za-z0-9-]+}")
    String page(@PathVariable String id, Model model, Principal user, jakarta.servlet.http.HttpServletResponse response) {
        StoredReport report = reports.stored(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No service report " + id + " is stored here"));
        if (report.state() == StoredReport.State.GENERATING) {
            response.setHeader("Refresh", "1"); // the page looks again every second until the report is stored
        }
        model.addAttribute("user", user.getName());
        model.addAttribute("report", report);
        model.addAttribute("figures", report.ready() ? reports.figuresOf(report) : null);
        return "reports/monthly";
    }
}
