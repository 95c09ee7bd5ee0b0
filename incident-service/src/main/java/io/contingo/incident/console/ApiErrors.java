package io.contingo.incident.console;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * How the incident API says no: RFC 9457 problem details with a message that names what is wrong, and for
 * invalid fields a {@code fields} list of {field, message}. Nothing is stored when a request is refused.
 * Bodies over {@code contingo.api.body.limit} (64 KiB here) are refused with 413 before they are read, by the
 * service starter's body limit.
 */
@RestControllerAdvice(assignableTypes = { IncidentApiController.class, MaintenanceApiController.class })
class ApiErrors {

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail invalid(MethodArgumentNotValidException e) {
        List<Map<String, String>> fields = e.getBindingResult().getFieldErrors().stream()
                .map(f -> Map.of("field", f.getField(), "message", String.valueOf(f.getDefaultMessage()))).toList();
        List<String> global = e.getBindingResult().getGlobalErrors().stream().map(g -> String.valueOf(g.getDefaultMessage())).toList();
        String detail = String.join("; ", java.util.stream.Stream.concat(
                fields.stream().map(f -> f.get("field") + ": " + f.get("message")), global.stream()).toList());
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request: " + detail);
        problem.setProperty("fields", fields);
        return problem;
    }

    @ExceptionHandler(IncidentDesk.InvalidChoice.class)
    ProblemDetail field(IncidentDesk.InvalidChoice e) {
        return invalidField(e.field, e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        if (e.getMostSpecificCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            return invalidField(path(mismatch), expected(mismatch.getTargetType()));
        }
        String reason = e.getMostSpecificCause().getMessage();
        // the parser's own words, without the Java types it names
        reason = reason == null ? "" : reason.lines().findFirst().orElse("").replaceAll("`[^`]*`", "a value").strip();
        return problem(HttpStatus.BAD_REQUEST, "The body is not the JSON this operation takes"
                + (reason.isBlank() ? "" : ": " + (reason.length() > 200 ? reason.substring(0, 200) + "…" : reason)));
    }

    private static ProblemDetail invalidField(String field, String message) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request: " + field + ": " + message);
        problem.setProperty("fields", List.of(Map.of("field", field, "message", message)));
        return problem;
    }

    /** Where in the body the value is: {@code status}, {@code componentIds[2]}. */
    private static String path(MismatchedInputException mismatch) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference step : mismatch.getPath()) {
            if (step.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(step.getPropertyName());
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** What a field of this type takes, in the API's words rather than Java's. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return "This value has the wrong type";
        }
        if (type.isEnum()) {
            return "Use one of " + String.join(", ", java.util.Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList());
        }
        if (type == java.time.Instant.class) {
            return "Use a date and time with its offset, like 2026-11-27T10:15:00Z";
        }
        if (type == java.time.LocalDate.class) {
            return "Use a date, like 2026-11-27";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "Use true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "Use a whole number";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "Use a list";
        }
        return type == String.class ? "Use text" : "This value has the wrong type";
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail mismatch(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, "Parameter " + e.getName() + " cannot be '" + e.getValue() + "': "
                + expected(e.getRequiredType()));
    }

    @ExceptionHandler(ResponseStatusException.class)
    ProblemDetail status(ResponseStatusException e) {
        return problem(e.getStatusCode(), e.getReason());
    }

    private static ProblemDetail problem(HttpStatusCode status, String detail) {
        return ProblemDetail.forStatusAndDetail(status, detail);
    }
}
