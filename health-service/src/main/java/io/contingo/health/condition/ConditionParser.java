package io.contingo.health.condition;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.contingo.health.condition.Condition.Expected;
import io.contingo.health.condition.Placeholder.Kind;

/**
 * Reads {@code <placeholder>[path] <operator> <value>}, saying at which character a mistake is. Values are
 * a word ({@code UP}, {@code 200}, {@code 72h}) or text in double quotes ({@code "all good"}, with
 * {@code \"} for a quote inside).
 */
final class ConditionParser {

    private static final String OPERATORS = "==, !=, <, <=, >, >= or contains";

    private final String text;
    private int at;

    ConditionParser(String text) {
        this.text = text == null ? "" : text;
    }

    Condition parse() {
        if (text.isBlank()) {
            throw error("the condition is empty", 0);
        }
        skipSpaces();
        Placeholder placeholder = placeholder();
        JsonPath path = null;
        if (!atEnd() && (peek() == '.' || peek() == '[')) {
            if (placeholder != Placeholder.BODY) {
                throw error(placeholder.token() + " has no fields: only [BODY] takes a path", at);
            }
            path = path();
        }
        skipSpaces();
        int operatorAt = at;
        Operator operator = operator();
        if (operator == Operator.CONTAINS && placeholder != Placeholder.BODY) {
            throw error("contains applies to [BODY] only", operatorAt);
        }
        skipSpaces();
        int valueAt = at;
        boolean quoted = !atEnd() && peek() == '"';
        String value = value(operator);
        skipSpaces();
        if (!atEnd()) {
            throw error("unexpected '" + text.substring(at).strip() + "' after the value (write text with spaces in double quotes)", at);
        }
        return new Condition(text.strip(), placeholder, path, operator, expected(placeholder, operator, value, quoted, valueAt));
    }

    private Placeholder placeholder() {
        if (atEnd() || peek() != '[') {
            throw error("a condition starts with a placeholder: " + Placeholder.known(), at);
        }
        int close = text.indexOf(']', at);
        if (close < 0) {
            throw error("'[' is not closed", at);
        }
        String token = text.substring(at, close + 1);
        Placeholder placeholder = Placeholder.ofToken(token).orElseThrow(() -> {
            String capitals = token.toUpperCase(Locale.ROOT);
            return Placeholder.ofToken(capitals).isPresent()
                    ? error("placeholders are written in capitals: " + capitals, at)
                    : error("unknown placeholder " + token + " (use " + Placeholder.known() + ")", at);
        });
        at = close + 1;
        return placeholder;
    }

    private JsonPath path() {
        List<JsonPath.Step> steps = new ArrayList<>();
        while (!atEnd() && (peek() == '.' || peek() == '[')) {
            if (peek() == '.') {
                at++;
                int start = at;
                while (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '_' || peek() == '-')) {
                    at++;
                }
                if (start == at) {
                    throw error("a field name is missing after '.'", at);
                }
                steps.add(new JsonPath.Field(text.substring(start, at)));
            } else {
                int open = at++;
                int start = at;
                while (!atEnd() && Character.isDigit(peek())) {
                    at++;
                }
                if (start == at || at - start > 9) {
                    throw error("an array index (a number from 0) is expected after '['", start);
                }
                if (atEnd() || peek() != ']') {
                    throw error("the '[' opened here is not closed", open);
                }
                steps.add(new JsonPath.Index(Integer.parseInt(text.substring(start, at))));
                at++;
            }
        }
        return new JsonPath(steps);
    }

    private Operator operator() {
        if (atEnd()) {
            throw error("an operator is missing (use " + OPERATORS + ")", at);
        }
        String rest = text.substring(at);
        Operator operator = Operator.startOf(rest)
                .filter(o -> o != Operator.CONTAINS || rest.length() == o.symbol().length()
                        || Character.isWhitespace(rest.charAt(o.symbol().length())) || rest.charAt(o.symbol().length()) == '"')
                .orElseThrow(() -> error("unknown operator '" + rest.split("\\s+", 2)[0] + "' (use " + OPERATORS + ")", at));
        at += operator.symbol().length();
        return operator;
    }

    private String value(Operator operator) {
        if (atEnd()) {
            throw error("a value is missing after " + operator.symbol(), at);
        }
        if (peek() != '"') {
            int start = at;
            while (!atEnd() && !Character.isWhitespace(peek())) {
                at++;
            }
            return text.substring(start, at);
        }
        int open = at++;
        StringBuilder value = new StringBuilder();
        while (!atEnd()) {
            char c = text.charAt(at++);
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\' && !atEnd() && (peek() == '"' || peek() == '\\')) {
                c = text.charAt(at++);
            }
            value.append(c);
        }
        throw error("the quote opened here is not closed", open);
    }

    private Expected expected(Placeholder placeholder, Operator operator, String value, boolean quoted, int valueAt) {
        Kind kind = placeholder.kind();
        return switch (kind) {
            case WHOLE_NUMBER -> {
                if (!value.matches("\\d{1,9}")) {
                    throw error(placeholder.token() + " is compared with a whole number such as 200, not '" + value + "'", valueAt);
                }
                yield new Expected(value, Condition.number(value), null);
            }
            case DURATION -> new Expected(value, null, Durations.parse(value).orElseThrow(() -> error(placeholder.token()
                    + " is compared with a duration such as 800ms, 30s, 5m, 72h or 30d, not '" + value + "'", valueAt)));
            case TEXT -> {
                var number = quoted ? null : Condition.number(value);
                if (operator.orders() && number == null) {
                    throw error(operator.symbol() + " compares numbers and '" + value + "' is not one (use ==, != or contains for text)", valueAt);
                }
                yield new Expected(value, number, null);
            }
        };
    }

    private void skipSpaces() {
        while (!atEnd() && Character.isWhitespace(peek())) {
            at++;
        }
    }

    private boolean atEnd() {
        return at >= text.length();
    }

    private char peek() {
        return text.charAt(at);
    }

    /** A syntax error at a 0-based index, reported counting from 1. */
    private static ConditionSyntaxException error(String problem, int index) {
        return new ConditionSyntaxException(problem, index + 1);
    }
}
