package io.contingo.notification.delivery;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /deliveries} (ADMIN): the delivery log, newest first. */
@Controller
class DeliveryLogController {

    private final MongoTemplate mongo;

    DeliveryLogController(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @GetMapping("/deliveries")
    String deliveries(Model model) {
        model.addAttribute("deliveries", mongo.find(new Query().with(Sort.by(Sort.Direction.DESC, "createdAt")).limit(200), Delivery.class));
        return "deliveries/list";
    }
}
