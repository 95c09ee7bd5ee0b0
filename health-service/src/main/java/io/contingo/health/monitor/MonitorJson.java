package io.contingo.health.monitor;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.boot.convert.DurationStyle;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.ObjectNode;

/**
 * A monitor definition as JSON, the same in the API and in the database: field names as in the record
 * ({@code componentId}), durations as the monitors file writes them ({@code 10s}, {@code 500ms}, {@code 2h};
 * ISO-8601 {@code PT10S} is read too), types in lower case. A field the record does not have is refused, so
 * that a typo is an error rather than a setting silently ignored.
 */
public final class MonitorJson {

    /** A body that cannot be read as a monitor, with the field at fault when there is one. */
    public static final class UnreadableMonitorException extends RuntimeException {

        private final String field;

        public UnreadableMonitorException(String field, String message) {
            super(message);
            this.field = field;
        }

        /** The field at fault (dotted path, e.g. {@code headers.Accept}); null when the body is not JSON at all. */
        public String field() {
            return field;
        }
    }

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .addModule(new SimpleModule("monitor-durations")
                    .addSerializer(Duration.class, new DurationWriter())
                    .addDeserializer(Duration.class, new DurationReader()))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES) // a field left out takes its default
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(EnumFeature.WRITE_ENUMS_TO_LOWERCASE)
            // the validation checks are not fields
            .changeDefaultVisibility(visibility -> visibility.withIsGetterVisibility(JsonAutoDetect.Visibility.NONE))
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_EMPTY))
            .build();

    private MonitorJson() {
    }

    public static String write(MonitorDefinition monitor) {
        return MAPPER.writeValueAsString(WrittenMonitor.of(monitor));
    }

    /** The monitor as JSON fields and values, as {@link #write} writes it. */
    public static Map<String, Object> tree(MonitorDefinition monitor) {
        return tree(WrittenMonitor.of(monitor));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> tree(WrittenMonitor monitor) {
        return MAPPER.convertValue(monitor, Map.class);
    }

    /** Reads a monitor; throws {@link UnreadableMonitorException} naming the field when it cannot. */
    public static MonitorDefinition read(String json) {
        return read(json, null);
    }

    /**
     * Reads a monitor whose id is given apart (in a URL): the body may leave it out, and may not say another.
     * Throws {@link UnreadableMonitorException} naming the field when it cannot, and
     * {@link MonitorCatalog.InvalidMonitorException} naming each field that belongs to another type of monitor.
     */
    public static MonitorDefinition read(String json, String id) {
        WrittenMonitor written = written(json, id);
        Map<String, String> strays = written.strays();
        if (!strays.isEmpty()) {
            Map<String, List<String>> problems = new LinkedHashMap<>();
            strays.forEach((field, problem) -> problems.put(field, List.of(problem)));
            throw new MonitorCatalog.InvalidMonitorException(problems);
        }
        return written.definition();
    }

    /** Reads a stored monitor: a field of another type, which an older version may have let through, is left behind. */
    static MonitorDefinition stored(String json) {
        return written(json, null).definition();
    }

    /**
     * Reads a stored monitor from its fields, as values (never through JSON text, so nothing in them is taken
     * for extended JSON). Throws when they do not make a monitor.
     */
    static MonitorDefinition stored(Map<String, Object> fields) {
        return MAPPER.convertValue(fields, WrittenMonitor.class).definition();
    }

    private static WrittenMonitor written(String json, String id) {
        try {
            JsonNode tree = MAPPER.readTree(json);
            if (!(tree instanceof ObjectNode object)) {
                throw new UnreadableMonitorException(null, "the body must be a JSON object describing a monitor");
            }
            JsonNode given = object.get("id");
            if (id != null && (given == null || given.isNull())) {
                object.put("id", id);
            } else if (id != null && !id.equals(given.asString())) {
                throw new UnreadableMonitorException("id", "must be '" + id + "', the id in the address: a monitor's id cannot change");
            }
            return MAPPER.treeToValue(object, WrittenMonitor.class);
        } catch (UnrecognizedPropertyException e) {
            return refuse(e, "is not a monitor field");
        } catch (InvalidFormatException e) {
            if (e.getTargetType() == MonitorType.class) {
                return refuse(e, "must be one of " + Arrays.stream(MonitorType.values())
                        .map(t -> t.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
            }
            return refuse(e, "'" + e.getValue() + "' is not " + article(e.getTargetType()));
        } catch (DatabindException e) {
            return refuse(e, e.getPath().isEmpty() ? e.getOriginalMessage() : "has the wrong type: " + firstLine(e.getOriginalMessage()));
        } catch (JacksonException e) {
            throw new UnreadableMonitorException(null, "the body is not valid JSON: " + firstLine(e.getOriginalMessage()));
        }
    }

    private static WrittenMonitor refuse(DatabindException e, String problem) {
        String field = e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        throw new UnreadableMonitorException(field.isEmpty() ? null : field, problem);
    }

    private static String article(Class<?> type) {
        if (type == Duration.class) {
            return "a duration (such as 10s, 500ms, 2m or 1h)";
        }
        if (type == int.class || type == Integer.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        return "a valid " + type.getSimpleName();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /** A duration the way the monitors file writes it, in the largest unit that keeps it exact. */
    public static String written(Duration duration) {
        long millis = duration.toMillis();
        if (millis != 0 && millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis != 0 && millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return millis + "ms";
    }

    private static final class DurationWriter extends ValueSerializer<Duration> {
        @Override
        public void serialize(Duration value, JsonGenerator gen, SerializationContext context) {
            gen.writeString(written(value));
        }
    }

    private static final class DurationReader extends ValueDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser parser, DeserializationContext context) {
            String text = parser.getValueAsString();
            try {
                return text == null ? (Duration) context.handleUnexpectedToken(Duration.class, parser)
                        : DurationStyle.detectAndParse(text.strip());
            } catch (IllegalArgumentException e) {
                throw InvalidFormatException.from(parser, "not a duration", text, Duration.class);
            }
        }
    }
}
