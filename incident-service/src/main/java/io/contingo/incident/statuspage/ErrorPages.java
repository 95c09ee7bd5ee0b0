package io.contingo.incident.statuspage;

import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Which error page a browser gets (API clients get JSON from Spring Boot's error controller, whatever this says).
 * Customers' mistakes (an unknown incident, a malformed month, an address that does not exist) get the status
 * page's look in the reader's language; refusals and the console's errors get the console's look, for staff.
 */
@Component
class ErrorPages implements ErrorViewResolver {

    private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);

    private final PublicView view;

    ErrorPages(PublicView view) {
        this.view = view;
    }

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        Map<String, Object> page = new HashMap<>(model);
        String path = String.valueOf(model.get("path"));
        if (status == HttpStatus.FORBIDDEN || status == HttpStatus.UNAUTHORIZED || path.startsWith("/console")) {
            return new ModelAndView("error/console", page, status);
        }
        try {
            page.put("summary", view.now());
        } catch (RuntimeException e) { // the status page's read model is not there: the plain page still says what went wrong
            log.warn("Error page for {} without the status page's header: {}", path, e.toString());
            return new ModelAndView("error/console", page, status);
        }
        return new ModelAndView("error/public", page, status);
    }
}
