package io.contingo.starter.body;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The largest request body a service's JSON APIs take ({@code contingo.api.body.limit}, 1 MB) and the servlet URL
 * patterns it applies to ({@code contingo.api.body.paths}, {@code /api/*}). An endpoint may take less.
 */
@ConfigurationProperties("contingo.api.body")
public record BodyLimitSettings(@DefaultValue("1MB") DataSize limit, @DefaultValue("/api/*") List<String> paths) {
}
