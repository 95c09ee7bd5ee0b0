package io.contingo.starter.body;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/** Every service's JSON APIs refuse a body over {@link BodyLimitSettings#limit()}, before security or anything reads it. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(BodyLimitSettings.class)
public class BodyLimitAutoConfiguration {

    @Bean
    FilterRegistrationBean<BodyLimitFilter> apiBodyLimit(BodyLimitSettings settings) {
        FilterRegistrationBean<BodyLimitFilter> registration = new FilterRegistrationBean<>(
                new BodyLimitFilter(settings.limit().toBytes()));
        registration.setUrlPatterns(settings.paths());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setName("apiBodyLimit");
        return registration;
    }
}
