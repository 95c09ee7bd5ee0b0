package io.contingo.notification.subscriber;

import java.util.List;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/subscribers} (ADMIN): who is subscribed to what. */
@RestController
class SubscriberApiController {

    private final MongoTemplate mongo;

    SubscriberApiController(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @GetMapping("/api/subscribers")
    List<Subscriber> subscribers() {
        return mongo.findAll(Subscriber.class);
    }
}
