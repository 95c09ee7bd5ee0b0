package io.contingo.starter.api;

import java.util.List;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * Gives a service's OpenAPI document its title, version and description from {@link ApiDocumentSettings}, and an
 * HTTP Basic security scheme applied to every operation outside {@code contingo.api.public-paths}, so that Swagger
 * UI's "Authorize" signs its "Try it out" requests in with the same accounts as the pages.
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
@EnableConfigurationProperties(ApiDocumentSettings.class)
public class ApiDocumentAutoConfiguration {

    /** The security scheme's name in the document. */
    public static final String SCHEME = "basicAuth";

    @Bean
    OpenApiCustomizer contingoApiDocument(ApiDocumentSettings settings) {
        List<PathPattern> open = settings.publicPaths().stream().map(PathPatternParser.defaultInstance::parse).toList();
        return api -> describe(api, settings, open);
    }

    static void describe(OpenAPI api, ApiDocumentSettings settings, List<PathPattern> open) {
        api.info(new Info().title(settings.title()).version(settings.version()).description(settings.description()));
        if (api.getComponents() == null) {
            api.components(new Components());
        }
        api.getComponents().addSecuritySchemes(SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                .description("An account's name and password, the same as on the sign-in page"));
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().forEach((path, item) -> {
            PathContainer container = PathContainer.parsePath(path.replaceAll("\\{[^}]*}", "x"));
            if (open.stream().noneMatch(pattern -> pattern.matches(container))) {
                item.readOperations().forEach(operation -> operation.setSecurity(List.of(new SecurityRequirement().addList(SCHEME))));
            }
        });
    }
}
