package org.casefunds.ledger.formats.tables;

import java.util.Locale;

/** The languages reports are laid out in: Chinese, the courts' own, by default; English on request. */
public enum Language {
    /** 简体中文. */
    CHINESE("zh", Locale.SIMPLIFIED_CHINESE),
    /** English. */
    ENGLISH("en", Locale.ENGLISH);

    private final String code;
    private final Locale locale;

    Language(String code, Locale locale) {
        this.code = code;
        this.locale = locale;
    }

    /** The short code users type: {@code zh} or {@code en}. */
    public String code() {
        return code;
    }

    /** The locale of the language's texts. */
    public Locale locale() {
        return locale;
    }

    /**
     * The language of {@code code} ({@code zh} or {@code en}, any case, also {@code zh-CN}).
     *
     * @throws IllegalArgumentException naming {@code field} and the value when it is neither
     */
    public static Language parse(String code, String field) {
        String trimmed = code == null ? "" : code.trim().toLowerCase(Locale.ROOT);
        if (trimmed.equals("zh") || trimmed.equals("zh-cn") || trimmed.equals("zh_cn")) {
            return CHINESE;
        }
        if (trimmed.equals("en") || trimmed.startsWith("en-") || trimmed.startsWith("en_")) {
            return ENGLISH;
        }
        throw new IllegalArgumentException(field + " '" + code + "': the reports speak zh (中文, the default) or en");
    }
}
