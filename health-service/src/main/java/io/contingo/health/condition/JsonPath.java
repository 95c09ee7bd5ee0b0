package io.contingo.health.condition;

import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * A path into a JSON body, written after {@code [BODY]}: {@code .status}, {@code .checks[0].name},
 * {@code [2].id}. Field names are letters, digits, {@code _} and {@code -}; indexes count from 0.
 */
public record JsonPath(List<Step> steps) {

    /** One step: a field of an object, or an element of an array. */
    public sealed interface Step {
    }

    public record Field(String name) implements Step {
        @Override
        public String toString() {
            return "." + name;
        }
    }

    public record Index(int index) implements Step {
        @Override
        public String toString() {
            return "[" + index + "]";
        }
    }

    public JsonPath {
        steps = List.copyOf(steps);
    }

    /** The node at this path, or a missing node when the body has nothing there. */
    public JsonNode select(JsonNode root) {
        JsonNode node = root;
        for (Step step : steps) {
            node = switch (step) {
                case Field field -> node.isObject() ? node.path(field.name()) : MissingNode.getInstance();
                case Index index -> node.isArray() ? node.path(index.index()) : MissingNode.getInstance();
            };
            if (node.isMissingNode()) {
                return node;
            }
        }
        return node;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        steps.forEach(text::append);
        return text.toString();
    }
}
