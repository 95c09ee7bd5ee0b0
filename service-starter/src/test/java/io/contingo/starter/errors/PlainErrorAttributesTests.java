package io.contingo.starter.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.server.ResponseStatusException;

import jakarta.servlet.RequestDispatcher;

/** What an error body says: the reason the code gave, or a plain sentence; never an exception's own text. */
class PlainErrorAttributesTests {

    private final PlainErrorAttributes attributes = new PlainErrorAttributes();

    @Test
    void aReasonGivenByTheCodeIsKept() {
        assertThat(message(404, "/incidents/x", new ResponseStatusException(HttpStatus.NOT_FOUND, "No incident x"), null))
                .isEqualTo("No incident x");
    }

    @Test
    void refusalsAndUnknownAddressesGetAPlainSentenceInsteadOfTheContainersWords() {
        assertThat(message(403, "/monitors", null, "Forbidden"))
                .isEqualTo("Your account may not use /monitors: it needs an account with another role.");
        assertThat(message(404, "/nowhere", null, "No static resource nowhere.")).isEqualTo("There is nothing at /nowhere.");
        assertThat(message(401, "/api/monitors", null, "Unauthorized")).startsWith("Sign in first: /api/monitors needs an account");
    }

    @Test
    void anExceptionsOwnMessageNeverReachesTheBody() {
        assertThat(message(400, "/monitors", new IllegalArgumentException("Failed to convert 'java.lang.String' to 'int'"), null))
                .isEqualTo("The request to /monitors is malformed: check its parameters and body.");
        assertThat(message(500, "/reports", new IllegalStateException("password=hunter2 at db-1:27017"), null))
                .isEqualTo("Something went wrong on our side; the service's log says what.");
        assertThat(message(500, "/reports", new ResponseStatusException(HttpStatus.INTERNAL_SERVER_ERROR, "db-1 is down"), null))
                .doesNotContain("db-1");
    }

    private String message(int status, String path, Exception error, String containerMessage) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status);
        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, path);
        if (containerMessage != null) {
            request.setAttribute(RequestDispatcher.ERROR_MESSAGE, containerMessage);
        }
        ServletWebRequest web = new ServletWebRequest(request, new MockHttpServletResponse());
        if (error != null) {
            attributes.resolveException(request, new MockHttpServletResponse(), null, error);
        }
        Map<String, Object> body = attributes.getErrorAttributes(web, ErrorAttributeOptions.defaults());
        assertThat(body).containsEntry("status", status).containsEntry("path", path).doesNotContainKeys("exception", "trace");
        return (String) body.get("message");
    }
}
