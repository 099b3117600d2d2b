package org.casefunds.ledger.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Goal: the one parser of amounts reads exactly the plain decimal strings and refuses every other
 * spelling, naming the field and the text and saying how to write it; it never rounds.
 *
 * <p>Method: a table of good spellings with the money each gives, and a table of bad spellings with
 * a fragment of the reason each is refused. The same tables are run through the command files, the
 * configuration files and the bank statements in ledger-formats.
 */
class AmountsTest {
    private static final CurrencyUnit CNY = CurrencyUnit.of("CNY");

    static Stream<Arguments> goodSpellings() {
        return Stream.of(
                Arguments.of("100.00", "100.00"),
                Arguments.of("100", "100.00"),
                Arguments.of("0.5", "0.50"),
                Arguments.of("0.50", "0.50"),
                Arguments.of("0", "0.00"),
                Arguments.of("65000.1", "65000.10"),
                Arguments.of("10000000000000.00", "10000000000000.00"));
    }

    static Stream<Arguments> badSpellings() {
        return Stream.of(
                Arguments.of("1e5", "is in exponent notation; write the digits in full: 100000"),
                Arguments.of("1E+5", "is in exponent notation"),
                Arguments.of(".5", "starts with a point; write a 0 before it: 0.5"),
                Arguments.of("+100", "has a sign (+)"),
                Arguments.of("-1", "has a sign (-)"),
                Arguments.of(" 100.00", "holds a space"),
                Arguments.of("100.00 ", "holds a space"),
                Arguments.of("1 000", "holds a space"),
                Arguments.of("100\u00a0", "holds a space"),
                Arguments.of("00100", "has leading zeros; write it without them: 100"),
                Arguments.of("00.5", "has leading zeros; write it without them: 0.5"),
                Arguments.of("5.", "ends with a point"),
                Arguments.of("1.005", "has more decimals than CNY allows (2)"),
                Arguments.of("100.000", "has more decimals than CNY allows (2)"),
                Arguments.of("１００", "holds digits other than 0-9"),
                Arguments.of("1,000.00", "has a thousands separator"),
                Arguments.of("", "is empty"),
                Arguments.of("¥100", "is not a decimal amount"),
                Arguments.of("NaN", "is not a decimal amount"),
                Arguments.of("10000000000000.01", "is above the largest amount the ledger holds"),
                Arguments.of("99999999999999999999999", "is above the largest amount the ledger holds"));
    }

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @MethodSource("goodSpellings")
    void aPlainDecimalStringGivesTheExactMoney(String text, String money) {
        assertEquals(Money.parse("CNY " + money), Amounts.parse(text, CNY, "amount"));
    }

    @ParameterizedTest(name = "\"{0}\" {1}")
    @MethodSource("badSpellings")
    void everyOtherSpellingIsRefusedNamingTheFieldAndTheText(String text, String reason) {
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> Amounts.parse(text, CNY, "request.amount"));
        assertEquals(ErrorCode.INVALID_AMOUNT, refused.code());
        assertEquals("request.amount", refused.field().orElseThrow());
        assertEquals(text, refused.value().orElseThrow());
        assertTrue(refused.getMessage().startsWith("request.amount '" + text + "': "), refused.getMessage());
        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
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
