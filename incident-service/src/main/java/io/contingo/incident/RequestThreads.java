package io.contingo.incident;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Web requests are served by Tomcat's own pool of platform threads, though the service's other work (its Kafka
 * listeners, scheduled jobs, DRP steps) runs on virtual threads. The public status page is what everyone reloads
 * during an outage: with 50 connections on a two-core host that also runs the broker, the database and the other
 * services, {@code /api/v2/summary.json} answered with a p99 of 420-910 ms on virtual threads with the JDK's two
 * carriers, 60-100 ms with four, and 39-46 ms on platform threads (five runs each of {@code wrk -t2 -c50 -d10s} in the
 * platform as {@code ./platform up} starts it): a carrier the operating system has parked holds every request
 * queued on it, while a platform thread per request is scheduled on its own. Requests here do not block for long
 * (the public ones never touch the database), so Tomcat's 200 threads are plenty.
 */
@Configuration(proxyBeanMethods = false)
class RequestThreads {

    @Bean
    PlatformThreads platformRequestThreads() {
        return new PlatformThreads();
    }

    /** Runs after Spring Boot's customizer for virtual threads (order 1), which has set its executor by then. */
    static final class PlatformThreads implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

        @Override
        public void customize(ConfigurableTomcatWebServerFactory factory) {
            // no executor: Tomcat makes its own pool (server.tomcat.threads.*) when it starts
            factory.addProtocolHandlerCustomizers(handler -> handler.setExecutor(null));
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
