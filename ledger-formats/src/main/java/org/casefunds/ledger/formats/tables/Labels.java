package org.casefunds.ledger.formats.tables;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The words of the reports in one language: headings, titles, the names of states and reasons. They
 * live in {@code labels.properties} (English) and {@code labels_zh.properties} (Chinese) beside this
 * class, so that a translation is a file, not code. A screen keeps its own words the same way, in a
 * bundle of its own ({@link #of(String, Language)}).
 */
public final class Labels {
    private static final String BUNDLE = "org.casefunds.ledger.formats.tables.labels";

    private final Language language;
    private final ResourceBundle bundle;

    private Labels(String bundleName, Language language) {
        this.language = language;
        this.bundle = ResourceBundle.getBundle(bundleName, language == Language.ENGLISH ? Locale.ROOT
                : language.locale(), ResourceBundle.Control.getNoFallbackControl(
                        ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The words of the reports in {@code language}. */
    public static Labels of(Language language) {
        return new Labels(BUNDLE, language);
    }

    /**
     * The words of another set of texts in {@code language}: the bundle {@code bundleName} (English
     * in {@code NAME.properties}, Chinese in {@code NAME_zh.properties}), such as a screen's own words.
     *
     * @throws java.util.MissingResourceException naming the bundle when it does not exist
     */
    public static Labels of(String bundleName, Language language) {
        return new Labels(bundleName, language);
    }

    /** The language. */
    public Language language() {
        return language;
    }

    /**
     * The text of {@code key}, with {@code arguments} put in its {@code {0}}, {@code {1}}, ... places.
     *
     * @throws MissingResourceException when no text has that key: a defect, named by the key
     */
    public String text(String key, Object... arguments) {
        String pattern = bundle.getString(key);
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, language.locale()).format(arguments);
    }

    /** The text of {@code key}; the same as {@link #text}, for templates, which cannot call a method of variable arguments. */
    public String word(String key) {
        return text(key);
    }

    /** The text of {@code key} with {@code argument} in its {@code {0}} place, for templates. */
    public String word(String key, Object argument) {
        return text(key, argument);
    }

    /** Whether a text has {@code key}. */
    public boolean has(String key) {
        return bundle.containsKey(key);
    }

    /**
     * The name of {@code value} (a state, a reason, a role, an event's kind) in this language: the text
     * of {@code enum.<Type>.<NAME>}, or the constant's name in lower case words when none is written.
     */
    public String name(Enum<?> value) {
        String type = value.getDeclaringClass().getName();
        String key = "enum." + type.substring(type.lastIndexOf('.') + 1).replace('$', '.') + "." + value.name();
        return bundle.containsKey(key) ? bundle.getString(key) : value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** "yes" or "no" in this language. */
    public String yesNo(boolean value) {
        return text(value ? "word.yes" : "word.no");
    }
}
