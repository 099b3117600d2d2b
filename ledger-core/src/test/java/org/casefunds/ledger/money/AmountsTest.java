package org.casefunds.ledger.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Goal: the one parser of amounts reads exactly the plain decimal strings and refuses every other
 * spelling, naming the field and the text and saying how to write it; it never rounds.
 *
 * <p>Method: the table of {@link AmountSpellings}: the good spellings with the money each gives, the
 * bad ones with a fragment of the reason each is refused. The same table is run through the command
 * files, the configuration files and the bank statements in ledger-formats.
 */
class AmountsTest {
    private static final CurrencyUnit CNY = CurrencyUnit.of("CNY");

    static List<AmountSpellings.Good> goodSpellings() {
        return AmountSpellings.GOOD;
    }

    static List<AmountSpellings.Bad> badSpellings() {
        return AmountSpellings.BAD;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodSpellings")
    void aPlainDecimalStringGivesTheExactMoney(AmountSpellings.Good spelling) {
        assertEquals(spelling.money(), Amounts.parse(spelling.text(), CNY, "amount"));
        assertEquals(Money.of(CNY, 0), Amounts.parse("0", CNY, "amount"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSpellings")
    void everyOtherSpellingIsRefusedNamingTheFieldAndTheText(AmountSpellings.Bad spelling) {
        String text = spelling.text();
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> Amounts.parse(text, CNY, "request.amount"));
        assertEquals(ErrorCode.INVALID_AMOUNT, refused.code());
        assertEquals("request.amount", refused.field().orElseThrow());
        assertEquals(text, refused.value().orElseThrow());
        assertTrue(refused.getMessage().startsWith("request.amount '" + text + "': "), refused.getMessage());
        assertTrue(refused.getMessage().contains(spelling.reason()), refused.getMessage());
    }

    @Test
    void theCurrencysDecimalsAreTheLimitAndZeroIsParsedButNotPositive() {
        CurrencyUnit yen = CurrencyUnit.of("JPY");
        assertEquals(Money.ofMajor(yen, 100), Amounts.parse("100", yen, "amount"));
        InvalidInputException decimals = assertThrows(InvalidInputException.class,
                () -> Amounts.parse("100.0", yen, "amount"));
        assertTrue(decimals.getMessage().contains("has more decimals than JPY allows (0)"), decimals.getMessage());
        InvalidInputException zero = assertThrows(InvalidInputException.class,
                () -> Amounts.parsePositive("0.00", CNY, "amount"));
        assertTrue(zero.getMessage().contains("must be greater than zero"), zero.getMessage());
        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> Amounts.parse(null, CNY, "amount"));
        assertEquals(ErrorCode.MISSING_VALUE, missing.code());
    }

    @Test
    void aLongTextIsShownCut() {
        String text = "1".repeat(30) + "x".repeat(100);
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> Amounts.parse(text, CNY, "amount"));
        assertEquals(60, refused.value().orElseThrow().length());
    }
}
