package io.contingo.incident.catalog;

import java.net.URI;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
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

    /**
     * A datacenter environment. {@code role}: active, standby, maintenance or inactive.
     *
     * @param names the name in other languages than the default one (language code → name: {@code es: Producción})
     */
    public record Site(@NotBlank String id, @NotBlank String name, @DefaultValue("active") String role, URI entryUrl,
            @NotEmpty List<@Valid Component> components, @DefaultValue Map<String, String> names) {

        @ConstructorBinding
        public Site {
            names = names == null ? Map.of() : Map.copyOf(names);
        }

        /** A site without translations of its name. */
        public Site(String id, String name, String role, URI entryUrl, List<Component> components) {
            this(id, name, role, entryUrl, components, Map.of());
        }

        /** The name a reader of {@code language} reads: its translation, or the default name. */
        public String nameIn(String language) {
            return names.getOrDefault(language, name);
        }
    }

    /**
     * @param names        the name in other languages than the default one (language code → name)
     * @param descriptions the description in other languages than the default one
     */
    public record Component(@NotBlank String id, @NotBlank String name, @DefaultValue("") String description,
            @DefaultValue Map<String, String> names, @DefaultValue Map<String, String> descriptions) {

        @ConstructorBinding
        public Component {
            names = names == null ? Map.of() : Map.copyOf(names);
            descriptions = descriptions == null ? Map.of() : Map.copyOf(descriptions);
        }

        /** A component without translations. */
        public Component(String id, String name, String description) {
            this(id, name, description, Map.of(), Map.of());
        }

        public String nameIn(String language) {
            return names.getOrDefault(language, name);
        }

        public String descriptionIn(String language) {
            return descriptions.getOrDefault(language, description);
        }
    }
}
