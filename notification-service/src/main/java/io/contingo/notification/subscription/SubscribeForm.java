package io.contingo.notification.subscription;

import java.util.List;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What the subscribe page sends: the address, the components to follow ({@code "*"}: all of them), the language
 * and the time zone of the emails.
 */
record SubscribeForm(
        @NotBlank @Email
        @Size(max = 254) String email,
        @NotEmpty @Size(max = 500)
        List<@Size(max = 200) String> components,
        @NotBlank @Pattern(regexp = "en|es|pt|de") String language,
        @NotBlank @Size(max = 64) String timeZone) {

    static SubscribeForm empty(String language, String timeZone) {
        return new SubscribeForm("", List.of(), language, timeZone);
    }
}
