package io.contingo.incident.console;

import java.time.LocalDateTime;
import java.util.List;

import org.springframework.format.annotation.DateTimeFormat;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A maintenance window, its times in the status page's time zone. */
record MaintenanceForm(
        @NotBlank(message = "Name the maintenance as customers will read it") @Size(max = 200, message = "Keep it under 200 characters") String name,
        @NotBlank(message = "Tell customers what will happen") @Size(max = 2000, message = "Keep it under 2000 characters") String description,
        @NotEmpty(message = "Choose at least one service") List<String> componentIds,
        @NotNull(message = "Give the start as date and time") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME, fallbackPatterns = { "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss" }) LocalDateTime starts,
        @NotNull(message = "Give the end as date and time") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME, fallbackPatterns = { "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss" }) LocalDateTime ends) {

    MaintenanceForm {
        name = AgentText.clean(name);
        description = AgentText.clean(description);
    }

    @AssertTrue(message = "The window must end after it starts")
    public boolean isInOrder() {
        return starts == null || ends == null || ends.isAfter(starts);
    }
}
