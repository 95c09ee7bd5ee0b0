package io.contingo.incident.statuspage;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

import io.contingo.incident.incident.Incident;
import io.contingo.incident.incident.Incidents;

/** The public status page and each incident's public page. */
@Controller
class StatusPageController {

    private final StatusSummary summary;
    private final Incidents incidents;

    StatusPageController(StatusSummary summary, Incidents incidents) {
        this.summary = summary;
        this.incidents = incidents;
    }

    @GetMapping("/")
    String statusPage(Model model) {
        model.addAttribute("summary", summary.now());
        return "statuspage/index";
    }

    @GetMapping("/incidents/{id}")
    String incident(@PathVariable String id, Model model) {
        if (!id.matches("[A-Za-z0-9-]{1,80}")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Malformed incident id");
        }
        Incident incident = incidents.find(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No incident " + id));
        model.addAttribute("summary", summary.now());
        model.addAttribute("incident", incident.snapshot());
        return "statuspage/incident";
    }
}
