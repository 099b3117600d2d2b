package org.casefunds.ledger.journal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.casefunds.ledger.base.TextValue;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/** How the canonical text writes and reads scalars: dates, instants, money (written and read without BigDecimal, the hot path of a journal), and every other value by its text. */
final class CanonicalScalars {
    private CanonicalScalars() {
    }

    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

    /** A date written {@code 2025-03-04}: read by hand in that one form, else by {@link LocalDate#parse}. */
    static LocalDate parseDate(String text) {
        if (text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            if (year >= 0 && month >= 0 && day >= 0) {
                return LocalDate.of(year, month, day);
            }
        }
        return LocalDate.parse(text);
    }

    /**
     * An instant written as {@link Instant#toString()} writes the ledger's (to the second or the
     * millisecond, in UTC): read by hand in those two forms, else by {@link Instant#parse}.
     */
    static Instant parseInstant(String text) {
        int length = text.length();
        if ((length == 20 || length == 24) && text.charAt(10) == 'T' && text.charAt(length - 1) == 'Z'
                && text.charAt(13) == ':' && text.charAt(16) == ':' && (length == 20 || text.charAt(19) == '.')) {
            int hour = digits(text, 11, 13);
            int minute = digits(text, 14, 16);
            int second = digits(text, 17, 19);
            int millis = length == 24 ? digits(text, 20, 23) : 0;
            if (hour >= 0 && minute >= 0 && second >= 0 && millis >= 0) {
                Instant instant = parseDate(text.substring(0, 10)).atTime(hour, minute, second, millis * 1_000_000)
                        .toInstant(ZoneOffset.UTC);
                // Instant.toString leaves out a zero fraction: such text is not the canonical form.
                if (length == 20 || millis != 0) {
                    return instant;
                }
            }
        }
        return Instant.parse(text);
    }

    /** The number written by the ASCII digits of {@code text} from {@code from} to {@code to}, or -1. */
    static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * Money written {@code CNY 1234.50}, exactly as {@link #money(Money)} writes it: read by hand into
     * minor units, else (any other form) by {@link Money#parse}.
     */
    static Money parseMoney(String text) {
        if (text.length() > 4 && text.charAt(3) == ' ') {
            CurrencyUnit currency = CurrencyUnit.of(text.substring(0, 3));
            int scale = currency.getDecimalPlaces();
            int start = text.charAt(4) == '-' ? 5 : 4;
            int point = scale == 0 ? text.length() : text.length() - scale - 1;
            if (scale >= 0 && scale <= 6 && point > start && point - start <= 15
                    && (scale == 0 || text.charAt(point) == '.')) {
                long whole = 0;
                boolean valid = point - start == 1 || text.charAt(start) != '0';
                for (int i = start; i < point && valid; i++) {
                    char c = text.charAt(i);
                    valid = c >= '0' && c <= '9';
                    whole = whole * 10 + (c - '0');
                }
                long fraction = 0;
                for (int i = point + 1; i < text.length() && valid; i++) {
                    char c = text.charAt(i);
                    valid = c >= '0' && c <= '9';
                    fraction = fraction * 10 + (c - '0');
                }
                if (valid) {
                    long minor = Math.addExact(Math.multiplyExact(whole, POWERS_OF_TEN[scale]), fraction);
                    return Money.ofMinor(currency, start == 5 ? -minor : minor);
                }
            }
        }
        return Money.parse(text);
    }

    static String scalar(Object value) {
        if (value instanceof String) {
            return (String) value;
        }
        if (value instanceof Enum<?>) {
            return ((Enum<?>) value).name();
        }
        if (value instanceof Money) {
            return money((Money) value);
        }
        if (value instanceof CurrencyUnit) {
            return ((CurrencyUnit) value).getCode();
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Boolean
                || value instanceof LocalDate || value instanceof Instant || value instanceof UUID
                || value instanceof TextValue) {
            return value.toString();
        }
        throw new IllegalArgumentException("no canonical form for " + value.getClass().getName());
    }

    /** Exactly {@link Money#toString()} ({@code CNY 1234.50}), from the minor units without BigDecimal. */
    static String money(Money money) {
        int scale = money.getCurrencyUnit().getDecimalPlaces();
        if (scale < 0 || scale > 6) {
            return money.toString();
        }
        long minor = money.getAmountMinorLong();
        StringBuilder text = new StringBuilder(24).append(money.getCurrencyUnit().getCode()).append(' ');
        if (minor < 0) {
            text.append('-');
        }
        String digits = Long.toString(Math.abs(minor));
        if (scale == 0) {
            return text.append(digits).toString();
        }
        if (digits.length() <= scale) {
            text.append("0.");
            for (int i = digits.length(); i < scale; i++) {
                text.append('0');
            }
            return text.append(digits).toString();
        }
        int point = digits.length() - scale;
        return text.append(digits, 0, point).append('.').append(digits, point, digits.length()).toString();
    }
}
