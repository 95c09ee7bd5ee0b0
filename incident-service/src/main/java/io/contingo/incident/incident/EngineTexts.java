package io.contingo.incident.incident;

import java.text.MessageFormat;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;

/**
 * What the engine writes for customers (an incident's name, its automatic updates), in every language the platform
 * speaks: the default text from {@code messages.properties} (English), and one translation per
 * {@code messages_<language>.properties} on the classpath that has the engine's keys ({@code engine.*}). Adding a
 * language is adding that file. Every text goes through {@link MessageFormat}, as Spring's messages with arguments do:
 * a quote is written {@code ''}.
 */
final class EngineTexts {

    /** A name the engine puts into its texts: the default one and its translations (language code → name). */
    record Name(String text, Map<String, String> names) {
        Name {
            names = names == null ? Map.of() : names;
        }

        static Name of(String text) {
            return new Name(text, Map.of());
        }

        String in(String language) {
            return language == null ? text : names.getOrDefault(language, text);
        }
    }

    /** A text in the default language, and in each other language (language code → text). */
    record Text(String text, Map<String, String> translations) {
    }

    private static final String BUNDLE = "messages";
    private static final String PROBE_KEY = "engine.incident.name";
    private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control.getNoFallbackControl(
            ResourceBundle.Control.FORMAT_PROPERTIES);
    private static final ResourceBundle DEFAULT = ResourceBundle.getBundle(BUNDLE, Locale.ROOT, NO_FALLBACK);
    private static final Map<String, ResourceBundle> TRANSLATIONS = translations();

    private EngineTexts() {
    }

    /** The languages the engine writes besides the default one. */
    static List<String> languages() {
        return List.copyOf(TRANSLATIONS.keySet());
    }

    /**
     * The text of {@code key} with {@code args}; an argument that is a {@link Name} (or a list of them, joined with
     * commas) is put in each language as that language names it.
     */
    static Text write(String key, Object... args) {
        String text = format(DEFAULT, key, null, args);
        Map<String, String> translations = new LinkedHashMap<>();
        TRANSLATIONS.forEach((language, bundle) -> translations.put(language, format(bundle, key, language, args)));
        return new Text(text, Collections.unmodifiableMap(translations));
    }

    private static String format(ResourceBundle bundle, String key, String language, Object[] args) {
        Object[] values = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            values[i] = switch (args[i]) {
                case Name name -> name.in(language);
                case List<?> names -> String.join(", ", names.stream().map(n -> ((Name) n).in(language)).toList());
                default -> args[i];
            };
        }
        String pattern = bundle.containsKey(key) ? bundle.getString(key) : DEFAULT.getString(key);
        return new MessageFormat(pattern, language == null ? Locale.ENGLISH : Locale.forLanguageTag(language)).format(values);
    }

    /**
     * Each ISO 639 language whose {@code messages_<language>.properties} is on the classpath and translates the engine's
     * texts. Asking for each file by its name works however the service is packaged (a directory, a jar, a jar in a jar),
     * where listing the classpath's root with a wildcard does not.
     */
    private static Map<String, ResourceBundle> translations() {
        Map<String, ResourceBundle> found = new TreeMap<>();
        ClassLoader loader = EngineTexts.class.getClassLoader();
        for (String language : Locale.getISOLanguages()) {
            if (loader.getResource(BUNDLE + "_" + language + ".properties") == null) {
                continue;
            }
            ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, Locale.forLanguageTag(language), NO_FALLBACK);
            if (bundle.getLocale().getLanguage().equals(language)
                    && !bundle.getString(PROBE_KEY).equals(DEFAULT.getString(PROBE_KEY))) {
                found.put(language, bundle);
            }
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(found));
    }
}
