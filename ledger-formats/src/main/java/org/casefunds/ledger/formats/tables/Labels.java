package org.casefunds.ledger.formats.tables;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The words of the reports in one language: headings, titles, the names of states and reasons. They
 * live in {@code labels.properties} (English) and {@code labels_zh.properties} (Chinese) beside this
 * class, so that a translation is a file, not code.
 */
public final class Labels {
    private static final String BUNDLE = "org.casefunds.ledger.formats.tables.labels";

    private final Language language;
    private final ResourceBundle bundle;

    private Labels(Language language) {
        this.language = language;
        this.bundle = ResourceBundle.getBundle(BUNDLE, language == Language.ENGLISH ? Locale.ROOT : language.locale(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The words of {@code language}. */
    public static Labels of(Language language) {
        return new Labels(language);
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
