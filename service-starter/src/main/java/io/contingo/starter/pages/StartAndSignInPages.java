package io.contingo.starter.pages;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every service's start page at {@code /} (its {@code home} template, linking to the service's pages) and its
 * sign-in page at {@code /login} (its {@code login} template). A controller of the service that answers
 * {@code /} itself (incident-service's status page) takes precedence. Each service owns the two templates, in
 * its own look; its security configuration points {@code formLogin().loginPage(...)} at {@code /login}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(WebMvcConfigurer.class)
public class StartAndSignInPages implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/").setViewName("home");
        registry.addViewController("/login").setViewName("login");
    }
}
