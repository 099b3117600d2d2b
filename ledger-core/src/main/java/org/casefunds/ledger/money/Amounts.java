package org.casefunds.ledger.money;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.Limits;
import org.joda.money.CurrencyUnit;
import org.joda.money.IllegalCurrencyException;
import org.joda.money.Money;

/**
 * Checks and conversions of money at the edge of the ledger. Amounts in commands are always
 * positive and in the currency's own scale (2 decimals for CNY); amounts in storage are a 64-bit
 * count of minor units; amounts in text are a decimal string such as {@code 65000.00}.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class Amounts {
    /** A plain decimal string: digits without a leading zero (a lone 0 is fine), optionally a point and digits. */
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("(0|[1-9][0-9]*)(\\.[0-9]+)?");
    private static final Pattern EXPONENT = Pattern.compile("[0-9]*\\.?[0-9]+[eE][+-]?[0-9]{1,9}");
    private static final Pattern LEADING_ZEROS = Pattern.compile("0+[0-9]+(\\.[0-9]+)?");
    /** More digits before the point than any amount under {@link Limits#AMOUNT_MINOR_MAX} has. */
    private static final int MAX_INTEGER_DIGITS = 19;

    private Amounts() {
    }

    /**
     * Returns {@code amount} if it is positive and not above {@link Limits#AMOUNT_MINOR_MAX}.
     *
     * @throws InvalidInputException naming {@code field} if the amount is missing, zero, negative or too large
     */
    public static Money positive(Money amount, String field) {
        Checks.required(amount, field);
        if (!amount.isPositive()) {
            throw new InvalidInputException(ErrorCode.INVALID_AMOUNT, field, amount,
                    "must be greater than zero");
        }
        if (amount.getAmountMinorLong() > Limits.AMOUNT_MINOR_MAX) {
            throw new InvalidInputException(ErrorCode.INVALID_AMOUNT, field, amount,
                    "is above the largest amount one command may move ("
                            + Money.ofMinor(amount.getCurrencyUnit(), Limits.AMOUNT_MINOR_MAX) + ")");
        }
        return amount;
    }

    /**
     * Throws unless {@code amount} is in {@code currency}.
     *
     * @throws InvalidInputException with {@link ErrorCode#CURRENCY_MISMATCH}
     */
    public static void sameCurrency(Money amount, CurrencyUnit currency, String field, String what) {
        if (!amount.getCurrencyUnit().equals(currency)) {
            throw new InvalidInputException(ErrorCode.CURRENCY_MISMATCH, field, amount,
                    "is in " + amount.getCurrencyUnit() + " but " + what + " is in " + currency);
        }
    }

    /** Throws unless every amount has the currency of the first; returns that currency. */
    public static CurrencyUnit singleCurrency(Collection<Money> amounts, String field) {
        CurrencyUnit currency = null;
        for (Money amount : amounts) {
            if (currency == null) {
                currency = amount.getCurrencyUnit();
            } else if (!currency.equals(amount.getCurrencyUnit())) {
                throw new InvalidInputException(ErrorCode.CURRENCY_MISMATCH, field, amount,
                        "one command may not mix currencies; the first amount is in " + currency);
            }
        }
        return currency;
    }

    /**
     * Parses a currency code such as {@code CNY}.
     *
     * @throws InvalidInputException naming {@code field} if the code is not a known ISO 4217 currency
     */
    public static CurrencyUnit currency(String code, String field) {
        Checks.required(code, field);
        try {
            return CurrencyUnit.of(code.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalCurrencyException e) {
            throw new InvalidInputException(ErrorCode.CURRENCY_MISMATCH, field, code,
                    "is not an ISO 4217 currency code such as CNY, USD, HKD", e);
        }
    }

    /**
     * Parses an amount written as a plain decimal string, {@code 65000.00}, {@code 65000} or
     * {@code 0.50}, into money of {@code currency}: the one parser of amounts for every input (command
     * files, configuration files, bank statements, the command line). The text is ASCII digits,
     * optionally a point followed by digits, and nothing else: no sign, no space (not even around
     * it), no exponent ({@code 1e5}), no thousands separator, no leading zero ({@code 00100}; a
     * lone {@code 0} before the point is fine), no bare point ({@code .5}, {@code 5.}), and at most
     * as many decimals as the currency has (2 for CNY). Nothing is rounded or guessed. Zero is
     * parsed (a tier may start at 0.00); see {@link #parsePositive} for amounts that move money.
     *
     * @throws InvalidInputException with {@link ErrorCode#INVALID_AMOUNT} naming {@code field} and the
     *     text, saying what is wrong and how to write it, or {@link ErrorCode#MISSING_VALUE} if the
     *     text is null
     */
    public static Money parse(String text, CurrencyUnit currency, String field) {
        Checks.required(text, field);
        Checks.required(currency, "currency");
        if (!PLAIN_DECIMAL.matcher(text).matches()) {
            throw new InvalidInputException(ErrorCode.INVALID_AMOUNT, field, Checks.abbreviate(text), notPlain(text));
        }
        int point = text.indexOf('.');
        int decimals = point < 0 ? 0 : text.length() - point - 1;
        if (decimals > currency.getDecimalPlaces()) {
            throw new InvalidInputException(ErrorCode.INVALID_AMOUNT, field, Checks.abbreviate(text),
                    "has more decimals than " + currency + " allows (" + currency.getDecimalPlaces() + ")");
        }
        int integerDigits = point < 0 ? text.length() : point;
        if (integerDigits > MAX_INTEGER_DIGITS || new BigDecimal(text).movePointRight(currency.getDecimalPlaces())
                .compareTo(BigDecimal.valueOf(Limits.AMOUNT_MINOR_MAX)) > 0) {
            throw new InvalidInputException(ErrorCode.INVALID_AMOUNT, field, Checks.abbreviate(text),
                    "is above the largest amount the ledger holds ("
                            + Money.ofMinor(currency, Limits.AMOUNT_MINOR_MAX).getAmount().toPlainString() + ")");
        }
        return Money.of(currency, new BigDecimal(text).setScale(currency.getDecimalPlaces()));
    }

    /** Why {@code text} is not a plain decimal string, and how to write it: the first reason that applies. */
    private static String notPlain(String text) {
        String example = "such as 65000.00";
        if (text.isEmpty()) {
            return "is empty; write an amount " + example;
        }
        if (text.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c))) {
            return "holds a space; write the amount without spaces, " + example;
        }
        if (text.charAt(0) == '-' || text.charAt(0) == '+') {
            return "has a sign (" + text.charAt(0) + "); an amount is written without one, " + example;
        }
        if (text.codePoints().anyMatch(c -> Character.isDigit(c) && (c < '0' || c > '9'))) {
            return "holds digits other than 0-9 (full-width digits?); write the amount in ASCII digits, " + example;
        }
        if (text.indexOf(',') >= 0) {
            return "has a thousands separator (,); write the digits alone, " + example;
        }
        if (EXPONENT.matcher(text).matches()) {
            BigDecimal value = new BigDecimal(text);
            String inFull = value.precision() - value.scale() <= MAX_INTEGER_DIGITS && value.scale() <= 10
                    ? ": " + value.toPlainString() : ", " + example;
            return "is in exponent notation; write the digits in full" + inFull;
        }
        if (text.startsWith(".") && PLAIN_DECIMAL.matcher("0" + text).matches()) {
            return "starts with a point; write a 0 before it: 0" + text;
        }
        if (text.endsWith(".") && PLAIN_DECIMAL.matcher(text.substring(0, text.length() - 1)).matches()) {
            return "ends with a point; leave the point out or write the decimals after it: "
                    + text.substring(0, text.length() - 1) + " or " + text + "00";
        }
        if (LEADING_ZEROS.matcher(text).matches()) {
            return "has leading zeros; write it without them: " + text.replaceFirst("^0+(?=[0-9])", "");
        }
        return "is not a decimal amount " + example + " (ASCII digits, optionally a point and more digits; no sign,"
                + " no separators)";
    }

    /** Parses a positive decimal string; see {@link #parse} and {@link #positive}. */
    public static Money parsePositive(String text, CurrencyUnit currency, String field) {
        return positive(parse(text, currency, field), field);
    }

    /** The decimal string of an amount, for JSON and CSV: {@code 65000.00}, never with a currency. */
    public static String decimal(Money amount) {
        return amount.getAmount().toPlainString();
    }
}
