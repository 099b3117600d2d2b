package org.casefunds.ledger.money;

import java.util.List;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * The spellings of amounts that every entry point is tested with (the core parser, command files,
 * configuration files, bank statements): the good ones with the money each is in CNY, the bad ones
 * with a fragment of the reason each is refused.
 */
public final class AmountSpellings {
    private static final CurrencyUnit CNY = CurrencyUnit.of("CNY");

    /** A spelling that is read, and the money it is. */
    public record Good(String text, Money money) {
        @Override
        public String toString() {
            return "\"" + text + "\"";
        }
    }

    /** A spelling that is refused, and a fragment of the reason. */
    public record Bad(String text, String reason) {
        @Override
        public String toString() {
            return "\"" + text + "\"";
        }
    }

    /** Plain decimal strings. */
    public static final List<Good> GOOD = List.of(
            good("100.00", "100.00"),
            good("100", "100.00"),
            good("0.5", "0.50"),
            good("0.50", "0.50"),
            good("65000.1", "65000.10"),
            good("10000000000000.00", "10000000000000.00"));

    /** Every other spelling. */
    public static final List<Bad> BAD = List.of(
            new Bad("1e5", "is in exponent notation; write the digits in full: 100000"),
            new Bad("1E+5", "is in exponent notation"),
            new Bad(".5", "starts with a point; write a 0 before it: 0.5"),
            new Bad("+100", "has a sign (+)"),
            new Bad("-1", "has a sign (-)"),
            new Bad(" 100.00", "holds a space"),
            new Bad("100.00 ", "holds a space"),
            new Bad("1 000", "holds a space"),
            new Bad("100\u00a0", "holds a space"),
            new Bad("00100", "has leading zeros; write it without them: 100"),
            new Bad("00.5", "has leading zeros; write it without them: 0.5"),
            new Bad("5.", "ends with a point"),
            new Bad("1.005", "has more decimals than CNY allows (2)"),
            new Bad("100.000", "has more decimals than CNY allows (2)"),
            new Bad("１００", "holds digits other than 0-9"),
            new Bad("1,000.00", "has a thousands separator"),
            new Bad("", "is empty"),
            new Bad("¥100", "is not a decimal amount"),
            new Bad("NaN", "is not a decimal amount"),
            new Bad("10000000000000.01", "is above the largest amount the ledger holds"),
            new Bad("99999999999999999999999", "is above the largest amount the ledger holds"));

    private AmountSpellings() {
    }

    private static Good good(String text, String cny) {
        return new Good(text, Money.parse("CNY " + cny));
    }
}
