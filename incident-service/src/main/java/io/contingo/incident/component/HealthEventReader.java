package io.contingo.incident.component;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import io.contingo.events.HealthEvent;
import io.contingo.events.HealthStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a health event from its JSON bytes; this runs for every event the engine takes, so the shape
 * health-service writes is read in one pass of Jackson's streaming parser: ids and texts as strings,
 * {@code observedAt} as {@code 2026-01-05T08:00:00.123Z}, attributes as strings, other properties skipped.
 * Anything else (another form of time, a number written as text, a missing property, broken JSON) is read
 * again by Jackson's data binding, and its answer, the event or the error, is the one given: the fast path
 * never accepts what the data binding refuses, nor reads a value differently.
 */
public final class HealthEventReader {

    private static final int[] POWERS_OF_TEN = { 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000 };

    private final JsonMapper json;
    private final ObjectReader binding;

    public HealthEventReader(JsonMapper json) {
        this.json = json;
        this.binding = json.readerFor(HealthEvent.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** The event; throws {@link JacksonException} when the bytes are not one, with the data binding's message. */
    public HealthEvent read(byte[] payload) {
        HealthEvent event = readUsual(payload);
        return event != null ? event : binding.readValue(payload);
    }

    /** The event when the payload has the usual shape, else null (for the data binding to decide). */
    HealthEvent readUsual(byte[] payload) {
        String eventId = null;
        String monitorId = null;
        String componentId = null;
        String siteId = null;
        String probeId = null;
        HealthStatus status = null;
        Instant observedAt = null;
        Long latencyMs = null;
        String detail = null;
        Map<String, String> attributes = null;
        try (JsonParser parser = json.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "eventId" -> eventId = text(parser, value);
                    case "monitorId" -> monitorId = text(parser, value);
                    case "componentId" -> componentId = text(parser, value);
                    case "siteId" -> siteId = text(parser, value);
                    case "probeId" -> probeId = text(parser, value);
                    case "status" -> status = status(text(parser, value));
                    case "observedAt" -> observedAt = instant(text(parser, value));
                    case "latencyMs" -> {
                        if (value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                            latencyMs = parser.getLongValue();
                        } else if (value == JsonToken.VALUE_NULL) {
                            latencyMs = null;
                        } else {
                            return null;
                        }
                    }
                    case "detail" -> {
                        detail = text(parser, value);
                        if (detail == null && value != JsonToken.VALUE_NULL) {
                            return null;
                        }
                    }
                    case "attributes" -> {
                        attributes = null;
                        if (value == JsonToken.START_OBJECT) {
                            attributes = new HashMap<>();
                            for (String key = parser.nextName(); key != null; key = parser.nextName()) {
                                String text = text(parser, parser.nextToken());
                                if (text == null) {
                                    return null;
                                }
                                attributes.put(key, text);
                            }
                        } else if (value != JsonToken.VALUE_NULL) {
                            return null;
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null || eventId == null || monitorId == null
                    || componentId == null || siteId == null || probeId == null || status == null || observedAt == null) {
                return null;
            }
            return new HealthEvent(eventId, monitorId, componentId, siteId, probeId, status, observedAt, latencyMs, detail, attributes);
        } catch (JacksonException | DateTimeException broken) {
            return null;
        }
    }

    private static String text(JsonParser parser, JsonToken value) {
        return value == JsonToken.VALUE_STRING ? parser.getString() : null;
    }

    private static HealthStatus status(String name) {
        if (name == null) {
            return null;
        }
        return switch (name) {
            case "UP" -> HealthStatus.UP;
            case "DEGRADED" -> HealthStatus.DEGRADED;
            case "DOWN" -> HealthStatus.DOWN;
            default -> null;
        };
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f]Z} with 1 to 9 digits of fraction, as an instant; null for any other form
     * (an impossible date throws {@link DateTimeException}).
     */
    static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        int length = text.length();
        if (length < 20 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (length > 20) {
            int fractionDigits = length - 21;
            int fraction = text.charAt(19) == '.' && fractionDigits >= 1 && fractionDigits <= 9 ? digits(text, 20, fractionDigits) : -1;
            if (fraction < 0) {
                return null;
            }
            nanos = fraction * POWERS_OF_TEN[9 - fractionDigits];
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal number written by {@code count} ASCII digits from {@code from}, or -1. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
