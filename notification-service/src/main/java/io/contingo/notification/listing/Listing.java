package io.contingo.notification.listing;

import java.util.List;
import java.util.regex.Pattern;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * One page of an administrator's list (subscribers, deliveries): its items, newest first, and where it lies among the
 * pages. A page number out of range shows the nearest page.
 */
public record Listing<T>(List<T> items, int page, int pages, long total) {

    public static final int PAGE_SIZE = 25;

    /** Page {@code page} (from 1) of what the query finds, newest first by {@code createdAt}. */
    public static <T> Listing<T> of(MongoTemplate mongo, Query query, int page, Class<T> type) {
        Query sorted = Query.of(query).with(Sort.by(Sort.Direction.DESC, "createdAt").and(Sort.by("_id")));
        long total = mongo.count(Query.of(query), type);
        int pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        int current = Math.min(Math.max(page, 1), pages);
        return new Listing<>(mongo.find(sorted.skip((long) (current - 1) * PAGE_SIZE).limit(PAGE_SIZE), type), current, pages, total);
    }

    /** The documents one of whose {@code fields} contains the search, case-insensitive; all of them when it is empty. */
    public static Query containing(String search, String... fields) {
        Query query = new Query();
        if (search != null && !search.isBlank()) {
            Pattern pattern = Pattern.compile(Pattern.quote(search.strip()), Pattern.CASE_INSENSITIVE);
            query.addCriteria(new Criteria().orOperator(java.util.Arrays.stream(fields).map(f -> Criteria.where(f).regex(pattern))
                    .toArray(Criteria[]::new)));
        }
        return query;
    }

    /** A search as typed, at most 200 characters. */
    public static String search(String typed) {
        String search = typed == null ? "" : typed.strip();
        return search.length() > 200 ? search.substring(0, 200) : search;
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < pages;
    }
}
