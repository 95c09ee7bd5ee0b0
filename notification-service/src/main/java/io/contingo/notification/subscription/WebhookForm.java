package io.contingo.notification.subscription;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/** What the webhook subscribe page sends: the receiver's HTTPS address and the components to follow ({@code "*"}: all). */
record WebhookForm(
        @NotBlank @Size(max = 2000) String url,
        @NotEmpty @Size(max = 500) List<@Size(max = 200) String> components) {
}
