package io.contingo.starter.signin;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * With {@code contingo.security.oidc.issuer-uri} set: the provider's registration that {@link ProviderSignIn} signs
 * in with, and the provider's name on the sign-in page. A client id or secret missing stops the start with what to
 * set.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty("contingo.security.oidc.issuer-uri")
@EnableConfigurationProperties(ProviderSignInSettings.class)
public class ProviderSignInAutoConfiguration {

    @Bean
    ProviderRegistration providerRegistration(ProviderSignInSettings settings) {
        required("client-id", settings.clientId());
        required("client-secret", settings.clientSecret());
        return new ProviderRegistration(settings);
    }

    private static void required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("contingo.security.oidc.issuer-uri is set but contingo.security.oidc." + name
                    + " is not, so nobody could sign in with the identity provider. Set it to the " + name.replace('-', ' ')
                    + " the identity provider gave this service, or unset contingo.security.oidc.issuer-uri.");
        }
    }

    /** The sign-in page learns the provider's name, for its "Sign in with ..." link. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(WebMvcConfigurer.class)
    static class SignInPage implements WebMvcConfigurer {

        private final ProviderSignInSettings settings;

        SignInPage(ProviderSignInSettings settings) {
            this.settings = settings;
        }

        @Override
        public void addInterceptors(InterceptorRegistry registry) {
            registry.addInterceptor(new HandlerInterceptor() {
                @Override
                public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView page) {
                    if (page != null) {
                        page.addObject(ProviderSignIn.PAGE_ATTRIBUTE, settings.providerName());
                    }
                }
            }).addPathPatterns("/login");
        }
    }
}
