package org.casefunds.ledger.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;

/**
 * Goal: the codec reads back exactly what it wrote, for the scalars it reads by hand (dates,
 * instants to the second or millisecond, money in currencies of 0, 2 and 3 decimals, negative
 * too), and what it reads by hand equals what the JDK and Joda-Money parse from the same text.
 *
 * <p>Method: generated values are encoded in a small record, decoded, and compared; the encoded text
 * of each scalar is also parsed by {@link LocalDate#parse}, {@link Instant#parse} and
 * {@link Money#parse}.
 */
class CanonicalCodecPropertiesTest {
    private static final List<CurrencyUnit> CURRENCIES = List.of(CurrencyUnit.of("CNY"), CurrencyUnit.of("JPY"),
            CurrencyUnit.of("KWD"), CurrencyUnit.of("USD"));

    /** A record of the scalars read by hand. */
    public record Scalars(LocalDate date, Instant instant, Money money) {
    }

    @Test
    void scalarsReadByHandRoundTripAndAgreeWithTheLibraries() {
        qt().withExamples(2_000).forAll(integers().between(-20_000, 80_000), longs().between(0, 4_102_444_800_000L),
                longs().between(-10_000_000_000L, 10_000_000_000L), integers().between(0, 2 * CURRENCIES.size() - 1))
                .checkAssert((days, millis, minor, choice) -> {
                    // Half the instants fall on a whole second, which Instant.toString writes without a fraction.
                    int currency = choice / 2;
                    Instant instant = Instant.ofEpochMilli(choice % 2 == 1 ? millis / 1000 * 1000 : millis);
                    Scalars value = new Scalars(LocalDate.ofEpochDay(days), instant,
                            Money.ofMinor(CURRENCIES.get(currency), minor));
                    String text = CanonicalCodec.encode("test v1", value);
                    assertEquals(value, CanonicalCodec.decode(text, "test v1", Scalars.class, Map.of()), text);
                    assertEquals(value.date(), LocalDate.parse(value.date().toString()));
                    assertEquals(value.instant(), Instant.parse(value.instant().toString()));
                    assertEquals(value.money(), Money.parse(line(text, "money")), text);
                });
    }

    private static String line(String text, String path) {
        for (String line : text.split("\n")) {
            if (line.startsWith(path + "=")) {
                return line.substring(path.length() + 1);
            }
        }
        throw new AssertionError(path + " is not in " + text);
    }
}
