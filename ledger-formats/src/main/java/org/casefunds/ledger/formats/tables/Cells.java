package org.casefunds.ledger.formats.tables;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import org.joda.money.Money;

/**
 * How a cell reads as text, the same in every rendering: amounts with thousands separators and two
 * decimals ({@code 38,505,530.75}; the currency before it unless it is yuan), counts with thousands
 * separators, dates as ISO dates, decimals as computed.
 */
public final class Cells {
    private static final String AMOUNT_PATTERN = "#,##0.00";

    private Cells() {
    }

    /** The text of {@code cell} in a column of {@code kind}; empty for an empty cell. */
    public static String text(Object cell, Column.Kind kind) {
        if (cell == null) {
            return "";
        }
        if (cell instanceof Money money) {
            return amount(money);
        }
        if (cell instanceof Long count) {
            return grouped().format(count);
        }
        if (cell instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return cell.toString();
    }

    /** An amount with thousands separators and its minor digits, its currency first unless yuan. */
    public static String amount(Money money) {
        DecimalFormat format = new DecimalFormat(AMOUNT_PATTERN, DecimalFormatSymbols.getInstance(Locale.ROOT));
        format.setMinimumFractionDigits(money.getCurrencyUnit().getDecimalPlaces());
        format.setMaximumFractionDigits(money.getCurrencyUnit().getDecimalPlaces());
        String text = format.format(money.getAmount());
        return money.getCurrencyUnit().getCode().equals("CNY") ? text : money.getCurrencyUnit().getCode() + " " + text;
    }

    private static DecimalFormat grouped() {
        return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
    }
}
