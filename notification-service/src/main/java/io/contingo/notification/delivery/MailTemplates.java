package io.contingo.notification.delivery;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/** Plain-text email bodies ({@code templates/mail/*.txt}) in Thymeleaf's TEXT mode, beside the HTML ones. */
@Configuration
class MailTemplates {

    @Bean
    ClassLoaderTemplateResolver textMailTemplates() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setResolvablePatterns(java.util.Set.of("mail/*.txt"));
        resolver.setTemplateMode(TemplateMode.TEXT);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCheckExistence(true);
        resolver.setOrder(1);
        return resolver;
    }
}
