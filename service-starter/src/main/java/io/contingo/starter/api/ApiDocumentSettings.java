package io.contingo.starter.api;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a service's OpenAPI document ({@code /v3/api-docs}, browsable at {@code /swagger-ui.html}) says about its
 * API: {@code contingo.api.title}, {@code .version}, {@code .description}, and {@code .public-paths}, the paths
 * (Spring path patterns) that need no account; every other operation is marked as taking HTTP Basic.
 */
@ConfigurationProperties("contingo.api")
public record ApiDocumentSettings(
        @DefaultValue("Contingo API") String title,
        @DefaultValue("unversioned") String version,
        @DefaultValue("") String description,
        @DefaultValue List<String> publicPaths) {
}
