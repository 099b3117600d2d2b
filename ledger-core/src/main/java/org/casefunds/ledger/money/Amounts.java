package org.casefunds.ledger.money;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Locale;
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
     * Parses a decimal string such as {@code 65000.00} or {@code 65000} into money of {@code currency}.
     * Thousands separators, signs other than a leading minus, and more decimals than the currency
     * has are refused, never rounded.
     *
     * @throws InvalidInputException naming {@code field} and the text
     */
    public static Money parse(String text, CurrencyUnit currency, String field) {
        Checks.required(text, field);
        String trimmed = text.strip();
        if (!trimmed.matches("-?[0-9]+(\\.[0-9]+)?")) {
            throw new InvalidInputException(ErrorCode.INVALID_AMOUNT, field, text,
                    "is not a decimal amount such as 65000.00 (digits, one optional point, no separators)");
        }
        BigDecimal decimal = new BigDecimal(trimmed);
        if (decimal.stripTrailingZeros().scale() > currency.getDecimalPlaces()) {
            throw new InvalidInputException(ErrorCode.INVALID_AMOUNT, field, text,
                    "has more decimals than " + currency + " allows (" + currency.getDecimalPlaces() + ")");
        }
        if (decimal.abs().movePointRight(currency.getDecimalPlaces()).compareTo(
                BigDecimal.valueOf(Limits.AMOUNT_MINOR_MAX)) > 0) {
            throw new InvalidInputException(ErrorCode.INVALID_AMOUNT, field, text,
                    "is above the largest amount the ledger holds ("
                            + Money.ofMinor(currency, Limits.AMOUNT_MINOR_MAX).getAmount().toPlainString() + ")");
        }
        return Money.of(currency, decimal.setScale(currency.getDecimalPlaces()));
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
