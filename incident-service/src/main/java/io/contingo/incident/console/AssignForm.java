package io.contingo.incident.console;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** Who owns the incident now: an agent's login, or blank for nobody. */
record AssignForm(
        @Pattern(regexp = "[A-Za-z0-9._@-]{0,64}", message = "Give an agent's login (letters, digits, . _ @ -), up to 64 characters")
        String assignee,
        @NotNull Long version) {
}
