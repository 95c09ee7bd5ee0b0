package io.contingo.starter.errors;

import java.util.Map;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.server.ResponseStatusException;

/**
 * Error bodies and error pages that say what went wrong in plain words: the reason a controller gave with its
 * {@link ResponseStatusException}, or else a sentence per status. Never an exception's own message, which may
 * name an internal class or leak a detail; never a stack trace.
 */
public class PlainErrorAttributes extends DefaultErrorAttributes {

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> attributes = super.getErrorAttributes(request, options.excluding(ErrorAttributeOptions.Include.MESSAGE));
        int status = attributes.get("status") instanceof Integer code ? code : 500;
        String reason = getError(request) instanceof ResponseStatusException e && status < 500 ? e.getReason() : null;
        attributes.put("message", reason != null && !reason.isBlank() ? reason : message(status, String.valueOf(attributes.get("path"))));
        return attributes;
    }

    static String message(int status, String path) {
        return switch (status) {
            case 400 -> "The request to " + path + " is malformed: check its parameters and body.";
            case 401 -> "Sign in first: " + path + " needs an account (API clients send it with HTTP Basic).";
            case 403 -> "Your account may not use " + path + ": it needs an account with another role.";
            case 404 -> "There is nothing at " + path + ".";
            case 405 -> path + " does not take this HTTP method.";
            case 406, 415 -> path + " does not take or give this content type.";
            default -> status >= 500 ? "Something went wrong on our side; the service's log says what." : "The request to " + path + " was refused.";
        };
    }
}
