package io.contingo.incident;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import io.contingo.starter.threads.VirtualThreadCarriers;

/** Turns health events into component status and incidents; serves the status page and its API. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class IncidentServiceApplication {

    /** Carriers of the virtual threads that serve web requests: see {@link VirtualThreadCarriers}. */
    public static final int CARRIERS = 4;

    public static void main(String[] args) {
        VirtualThreadCarriers.atLeast(CARRIERS);
        SpringApplication.run(IncidentServiceApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
