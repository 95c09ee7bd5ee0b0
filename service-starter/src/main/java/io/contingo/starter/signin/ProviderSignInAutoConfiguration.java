package io.contingo.starter.signin;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.session.SessionRepository;
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

    /** The records the back-channel logout ends sessions by: beside the sessions in MongoDB, or with the container's. */
    @Bean
    ProviderSessions providerSessions(ObjectProvider<SessionRepository<?>> sessions, ObjectProvider<MongoDatabaseFactory> mongo) {
        SessionRepository<?> shared = sessions.getIfAvailable();
        MongoDatabaseFactory database = mongo.getIfAvailable();
        if (shared != null && database != null) {
            return ProviderSessions.inMongo(database.getMongoDatabase().getCollection("provider_sessions"), shared);
        }
        return ProviderSessions.inMemory();
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
