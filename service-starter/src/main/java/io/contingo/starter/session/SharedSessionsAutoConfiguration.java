package io.contingo.starter.session;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * Every service keeps its login sessions in its own MongoDB database ({@link MongoSessionRepository}), so that any
 * replica answers any signed-in request. Each service's cookie has a name of its own, from
 * {@code spring.application.name} or else its database ({@code CONTINGO_INCIDENT} for {@code contingo-incident}):
 * browsers do not tell ports apart, and signing in to one service on localhost must not sign the user out of another. {@code contingo.session.store=memory} keeps the servlet
 * container's sessions (one replica only).
 */
@AutoConfiguration(afterName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ SessionRepositoryFilter.class, MongoDatabaseFactory.class })
@ConditionalOnBean(MongoDatabaseFactory.class)
@ConditionalOnProperty(name = "contingo.session.store", havingValue = "mongodb", matchIfMissing = true)
public class SharedSessionsAutoConfiguration {

    @Bean
    MongoSessionRepository loginSessions(MongoDatabaseFactory mongo,
            @Value("${server.servlet.session.timeout:30m}") Duration timeout) {
        return new MongoSessionRepository(mongo.getMongoDatabase().getCollection("sessions"), timeout, Clock.systemUTC(),
                SharedSessionsAutoConfiguration.class.getClassLoader());
    }

    @Bean
    FilterRegistrationBean<SessionRepositoryFilter<StoredSession>> sharedSessionFilter(MongoSessionRepository sessions,
            MongoDatabaseFactory mongo, @Value("${spring.application.name:}") String application) {
        DefaultCookieSerializer cookie = new DefaultCookieSerializer();
        cookie.setCookieName(cookieName(application.isBlank() ? mongo.getMongoDatabase().getName() : application));
        cookie.setSameSite("Lax");
        CookieHttpSessionIdResolver resolver = new CookieHttpSessionIdResolver();
        resolver.setCookieSerializer(cookie);
        SessionRepositoryFilter<StoredSession> filter = new SessionRepositoryFilter<>(sessions);
        filter.setHttpSessionIdResolver(resolver);
        FilterRegistrationBean<SessionRepositoryFilter<StoredSession>> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER);
        registration.setName("sharedSessions");
        return registration;
    }

    static String cookieName(String application) {
        String name = application.toUpperCase(Locale.ROOT).startsWith("CONTINGO") ? application : "contingo-" + application;
        return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
