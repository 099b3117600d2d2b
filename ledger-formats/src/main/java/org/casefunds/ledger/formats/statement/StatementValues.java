package org.casefunds.ledger.formats.statement;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.Limits;
import org.casefunds.ledger.commands.Command;
import org.casefunds.ledger.money.Amounts;
import org.casefunds.ledger.reconciliation.Direction;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/** The values of a statement's cells, parsed strictly: what is not clearly a value is an error, never a guess. */
final class StatementValues {
    private static final List<DateTimeFormatter> DATES = List.of(formatter("uuuu-M-d"), formatter("uuuu/M/d"),
            formatter("uuuuMMdd"));
    /** A date may carry the time of day, which banks' exports sometimes add; the time is dropped. */
    private static final Pattern DATE_AND_TIME = Pattern.compile("(\\S+)[ T]\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?");
    private static final Pattern GROUPED_AMOUNT = Pattern.compile("[0-9]{1,3}(,[0-9]{3})+(\\.[0-9]+)?");
    private static final Set<String> CREDIT_WORDS = Set.of("贷", "贷方", "c", "cr", "credit", "收", "收入", "入", "存入");
    private static final Set<String> DEBIT_WORDS = Set.of("借", "借方", "d", "dr", "debit", "支", "支出", "出", "付");
    private static final Map<String, String> CURRENCY_NAMES = Map.of("人民币", "CNY", "rmb", "CNY", "156", "CNY",
            "美元", "USD", "840", "USD", "港币", "HKD", "港元", "HKD", "344", "HKD", "欧元", "EUR", "978", "EUR");

    private StatementValues() {
    }

    /** A cell that is not a value of its field: the message says what would be. */
    static final class BadValue extends Exception {
        private static final long serialVersionUID = 1L;

        BadValue(String message) {
            super(message);
        }
    }

    private static DateTimeFormatter formatter(String pattern) {
        return DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    }

    /** A date written yyyy-MM-dd, yyyy/MM/dd or yyyyMMdd, optionally followed by a time of day. */
    static LocalDate date(String text) throws BadValue {
        String date = text.strip();
        Matcher withTime = DATE_AND_TIME.matcher(date);
        if (withTime.matches()) {
            date = withTime.group(1);
        }
        for (DateTimeFormatter formatter : DATES) {
            try {
                LocalDate parsed = LocalDate.parse(date, formatter);
                if (parsed.getYear() < Limits.EFFECTIVE_YEAR_MIN || parsed.getYear() > Limits.EFFECTIVE_YEAR_MAX) {
                    throw new BadValue("is outside the years " + Limits.EFFECTIVE_YEAR_MIN + ".." + Limits.EFFECTIVE_YEAR_MAX
                            + " a ledger holds");
                }
                return parsed;
            } catch (DateTimeParseException notThisForm) {
                // Try the next form; only when none reads the text is it an error.
            }
        }
        throw new BadValue("is not a date: write yyyy-MM-dd, yyyy/MM/dd or yyyyMMdd (a real day of the calendar)");
    }

    /**
     * A signed amount in {@code currency}: an optional sign ({@code -} is money out), then an amount
     * as {@link Amounts#parse} reads it ({@code 65000.00}), or grouped by thousands with commas in
     * groups of three ({@code 65,000.00}), as banks export them. Everything else is refused with the
     * core parser's reason: more decimals than the currency has, an exponent, a bare point, a
     * leading zero, a space inside, digits other than 0-9.
     */
    static Money amount(String text, CurrencyUnit currency) throws BadValue {
        String amount = text.strip();
        boolean negative = amount.startsWith("-");
        if (negative || amount.startsWith("+")) {
            amount = amount.substring(1);
        }
        if (GROUPED_AMOUNT.matcher(amount).matches()) {
            amount = amount.replace(",", "");
        } else if (amount.indexOf(',') >= 0) {
            throw new BadValue("is not an amount such as 65000.00 or 65,000.00 (digits, thousands separators in"
                    + " groups of three, one point)");
        }
        try {
            Money parsed = Amounts.parse(amount, currency, "amount");
            return negative ? parsed.negated() : parsed;
        } catch (InvalidInputException refused) {
            // The row names the field and the cell; the reason is the core's.
            String prefix = "amount '" + refused.value().orElse("") + "': ";
            String message = refused.getMessage();
            throw new BadValue(message.startsWith(prefix) ? message.substring(prefix.length()) : message);
        }
    }

    /** Whether a cell's amount is written with a sign, which only a signed column may have. */
    static boolean signed(String text) {
        String amount = text.strip();
        return amount.startsWith("-") || amount.startsWith("+");
    }

    /** A direction: 贷/C/credit/收入 is money in, 借/D/debit/支出 money out. */
    static Direction direction(String text) throws BadValue {
        String word = text.strip().toLowerCase(Locale.ROOT);
        if (CREDIT_WORDS.contains(word)) {
            return Direction.CREDIT;
        }
        if (DEBIT_WORDS.contains(word)) {
            return Direction.DEBIT;
        }
        throw new BadValue("is not a direction: 贷 (or C, credit, 收入) is money in, 借 (or D, debit, 支出) money out");
    }

    /** A text cell of at most {@code lengthMax} characters, without control characters. */
    static String text(String text, int lengthMax) throws BadValue {
        if (text.length() > lengthMax) {
            throw new BadValue("is " + text.length() + " characters long; at most " + lengthMax + " are allowed");
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                throw new BadValue("holds a control character (U+" + String.format("%04X", (int) text.charAt(i))
                        + ") at position " + i + "; remove it");
            }
        }
        return text;
    }

    /** A currency by its ISO code, its number, or its Chinese name. */
    static CurrencyUnit currency(String text) throws BadValue {
        String name = text.strip().toLowerCase(Locale.ROOT);
        String code = CURRENCY_NAMES.getOrDefault(name, name);
        try {
            return Amounts.currency(code, "currency");
        } catch (InvalidInputException unknown) {
            throw new BadValue("is not a currency: write its ISO code (CNY, USD, HKD) or its name (人民币)");
        }
    }
}
