package io.contingo.starter.health;

import org.bson.Document;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;

import com.mongodb.client.MongoClient;

/**
 * The {@code mongo} health contributor, answered with {@code ping}, which every MongoDB-wire server knows.
 * Boot's own indicator sends {@code hello}, which the devstack's MongoDB-wire server does not answer, so
 * this one takes its place (same bean name).
 */
@AutoConfiguration(
        afterName = "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration",
        beforeName = "org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration")
@ConditionalOnClass({ MongoClient.class, AbstractHealthIndicator.class })
public class MongoPingHealthAutoConfiguration {

    @Bean(name = "mongoHealthContributor")
    @ConditionalOnBean(MongoClient.class)
    AbstractHealthIndicator mongoHealthContributor(MongoClient mongo) {
        return new AbstractHealthIndicator("MongoDB health check failed") {
            @Override
            protected void doHealthCheck(Health.Builder builder) {
                Document answer = mongo.getDatabase("admin").runCommand(new Document("ping", 1));
                builder.up().withDetail("ping", answer.get("ok"));
            }
        };
    }
}
