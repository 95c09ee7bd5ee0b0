package io.contingo.incident.catalog;

import java.net.URI;
import java.time.ZoneId;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/**
 * {@code contingo.catalog}: the status page itself, the sites and the components customers recognise.
 */
@Validated
@ConfigurationProperties("contingo.catalog")
public record CatalogSettings(@Valid @NotNull Page page, @DefaultValue List<@Valid Site> sites) {

    /**
     * @param url          the public address of the status page (absolute)
     * @param subscribeUrl where customers subscribe to updates
     */
    public record Page(@NotBlank String id, @NotBlank String name, @NotNull URI url, URI subscribeUrl,
            @DefaultValue("UTC") ZoneId timeZone) {
    }

    /** A datacenter environment. {@code role}: active, standby, maintenance or inactive. */
    public record Site(@NotBlank String id, @NotBlank String name, @DefaultValue("active") String role, URI entryUrl,
            @NotEmpty List<@Valid Component> components) {
    }

    public record Component(@NotBlank String id, @NotBlank String name, @DefaultValue("") String description) {
    }
}
