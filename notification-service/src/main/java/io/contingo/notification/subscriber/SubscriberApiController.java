package io.contingo.notification.subscriber;

import java.util.List;
import java.util.Map;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/subscribers?page=&size=} (ADMIN): who is subscribed to what, newest first, a page at a time
 * ({@value #DEFAULT_SIZE} by default, as on the admin pages, at most {@value #MAX_SIZE}). The answer says the total
 * and the link to the next page ({@code null} on the last); a page past the last has no items.
 */
@RestController
class SubscriberApiController {

    static final int DEFAULT_SIZE = 25;
    static final int MAX_SIZE = 100;

    /** One page of subscribers: the entries as stored (no token is stored with them), and where it lies. */
    record SubscriberPage(List<Subscriber> items, int page, int size, long total, String next) {
    }

    private final MongoTemplate mongo;

    SubscriberApiController(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @GetMapping("/api/subscribers")
    ResponseEntity<?> subscribers(@RequestParam(defaultValue = "1") String page, @RequestParam(defaultValue = "" + DEFAULT_SIZE) String size) {
        Integer pageNumber = number(page, 1, Integer.MAX_VALUE);
        if (pageNumber == null) {
            return badRequest("page", "page must be a whole number from 1 (the first page), not \"" + shortened(page) + "\"");
        }
        Integer pageSize = number(size, 1, MAX_SIZE);
        if (pageSize == null) {
            return badRequest("size", "size must be a whole number from 1 to " + MAX_SIZE + ", not \"" + shortened(size) + "\"");
        }
        long total = mongo.count(new Query(), Subscriber.class);
        List<Subscriber> items = mongo.find(new Query().with(Sort.by(Sort.Direction.DESC, "createdAt").and(Sort.by("_id")))
                .skip((long) (pageNumber - 1) * pageSize).limit(pageSize), Subscriber.class);
        boolean more = (long) pageNumber * pageSize < total;
        return ResponseEntity.ok(new SubscriberPage(items, pageNumber, pageSize, total,
                more ? "/api/subscribers?page=" + (pageNumber + 1) + "&size=" + pageSize : null));
    }

    private static Integer number(String text, int min, int max) {
        try {
            int value = Integer.parseInt(text.strip());
            return value < min || value > max ? null : value;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String shortened(String text) {
        return text.length() > 20 ? text.substring(0, 20) + "…" : text;
    }

    private static ResponseEntity<Map<String, Object>> badRequest(String parameter, String message) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("status", 400, "error", "Bad Request", "parameter", parameter, "message", message));
    }
}
