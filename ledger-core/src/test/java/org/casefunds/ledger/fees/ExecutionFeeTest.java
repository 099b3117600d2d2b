package org.casefunds.ledger.fees;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.math.BigDecimal;
import java.util.List;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.Limits;
import org.casefunds.ledger.money.Amounts;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/*
 * Goal: show that ExecutionFee charges exactly the application fee for enforcement of
 * 诉讼费用交纳办法 art. 14, to the fen, and refuses what the statute does not cover.
 *
 * Method: the worked example of the statute and every band edge, each computed by hand in a
 * comment; the refusals, asserting code, field and value; and a QuickTheories property over
 * random pairs of amounts (biased towards the band edges): the fee never decreases as the
 * enforced amount grows, and between two amounts it grows by at most 1.5% of the difference,
 * plus the one fen that rounding each fee to the fen may add.
 */
class ExecutionFeeTest {
    private static final CurrencyUnit CNY = CurrencyUnit.of("CNY");

    private static Money cny(String amount) {
        return Money.of(CNY, new BigDecimal(amount));
    }

    private static Money fee(String enforced) {
        return ExecutionFee.forEnforcedAmount(cny(enforced));
    }

    @Test
    void statuteWorkedExample() {
        // 50 + 1.5% × (500,000 − 10,000) + 1% × (1,000,000 − 500,000)
        // = 50 + 7,350 + 5,000 = 12,400.00
        assertEquals(cny("12400.00"), fee("1000000.00"));
    }

    @Test
    void firstBandIsFiftyYuanPerCase() {
        // Anything up to 10,000 inclusive pays the per-case 50 yuan and nothing more.
        assertEquals(cny("50.00"), fee("0.01"));
        assertEquals(cny("50.00"), fee("9999.99"));
        assertEquals(cny("50.00"), fee("10000.00"));
    }

    @Test
    void justAboveTenThousandRoundsHalfUpToTheFen() {
        // 50 + 1.5% × 0.01 = 50.00015, which rounds (HALF_UP) to 50.00.
        assertEquals(cny("50.00"), fee("10000.01"));
        // 50 + 1.5% × 0.33 = 50.00495 → 50.00; 50 + 1.5% × 0.34 = 50.0051 → 50.01.
        assertEquals(cny("50.00"), fee("10000.33"));
        assertEquals(cny("50.01"), fee("10000.34"));
        // 50 + 1.5% × 1.00 = 50.015 exactly: a half fen rounds up to 50.02.
        assertEquals(cny("50.02"), fee("10001.00"));
        // 50 + 1.5% × 100 = 51.50.
        assertEquals(cny("51.50"), fee("10100.00"));
    }

    @Test
    void bandEdges() {
        // 50 + 1.5% × 490,000 = 50 + 7,350 = 7,400.00
        assertEquals(cny("7400.00"), fee("500000.00"));
        // 7,400 + 1% × 4,500,000 = 7,400 + 45,000 = 52,400.00
        assertEquals(cny("52400.00"), fee("5000000.00"));
        // 52,400 + 0.5% × 5,000,000 = 52,400 + 25,000 = 77,400.00
        assertEquals(cny("77400.00"), fee("10000000.00"));
        // 77,400 + 0.1% × 10,000,000 = 77,400 + 10,000 = 87,400.00
        assertEquals(cny("87400.00"), fee("20000000.00"));
    }

    @Test
    void justAboveEachUpperEdgeUsesTheNextRate() {
        // 7,400 + 1% × 100 = 7,401.00
        assertEquals(cny("7401.00"), fee("500100.00"));
        // 52,400 + 0.5% × 100 = 52,400.50
        assertEquals(cny("52400.50"), fee("5000100.00"));
        // 77,400 + 0.1% × 100 = 77,400.10
        assertEquals(cny("77400.10"), fee("10000100.00"));
    }

    @Test
    void bandsAreTheDocumentedTableAndMeetEachOther() {
        List<ExecutionFee.Band> bands = ExecutionFee.bands();
        assertEquals(5, bands.size());
        assertEquals(cny("0.00"), bands.get(0).from());
        assertEquals(cny("50.00"), bands.get(0).fixed());
        assertEquals(0, new BigDecimal("0.015").compareTo(bands.get(1).rate()));
        assertEquals(0, new BigDecimal("0.01").compareTo(bands.get(2).rate()));
        assertEquals(0, new BigDecimal("0.005").compareTo(bands.get(3).rate()));
        assertEquals(0, new BigDecimal("0.001").compareTo(bands.get(4).rate()));
        for (int i = 0; i + 1 < bands.size(); i++) {
            assertEquals(bands.get(i).upTo(), bands.get(i + 1).from(), "band " + i);
            assertTrue(bands.get(i + 1).fixed().isZero(), "only the first band is fixed");
        }
        assertNull(bands.get(4).upTo());
        assertTrue(bands.get(4).isOpen());
        assertThrows(UnsupportedOperationException.class, () -> bands.remove(0));
    }

    @Test
    void refusesAnotherCurrency() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ExecutionFee.forEnforcedAmount(Money.ofMajor(CurrencyUnit.USD, 1000)));
        assertEquals(ErrorCode.CURRENCY_MISMATCH, e.code());
        assertEquals("enforcedAmount", e.field().orElseThrow());
        assertEquals("USD 1000.00", e.value().orElseThrow());
        assertTrue(e.getMessage().contains("CNY"), e.getMessage());
    }

    @Test
    void refusesZeroAndNegativeAmounts() {
        for (String amount : List.of("0.00", "-0.01", "-100.00")) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> fee(amount));
            assertEquals(ErrorCode.INVALID_AMOUNT, e.code());
            assertEquals("enforcedAmount", e.field().orElseThrow());
            assertEquals("CNY " + amount, e.value().orElseThrow());
        }
    }

    @Test
    void refusesMissingAmount() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ExecutionFee.forEnforcedAmount(null));
        assertEquals(ErrorCode.MISSING_VALUE, e.code());
        assertEquals("enforcedAmount", e.field().orElseThrow());
        assertTrue(e.value().isEmpty());
    }

    @Test
    void largestAmountStillComputes() {
        // 10^15 fen = 10^13 yuan: 77,400 + 0.1% × (10^13 − 10^7) = 77,400 + 9,999,990,000.
        assertEquals(cny("10000067400.00"),
                ExecutionFee.forEnforcedAmount(Money.ofMinor(CNY, Limits.AMOUNT_MINOR_MAX)));
    }

    /** Amounts in fen, half anywhere up to 30 million yuan, half within 1 yuan of a band edge. */
    private static Gen<Long> enforcedMinor() {
        Gen<Long> anywhere = SourceDSL.longs().between(1, 3_000_000_000L);
        Gen<Long> edge = SourceDSL.integers().between(0, 4)
                .zip(SourceDSL.longs().between(-100, 100),
                        (band, offset) -> List.of(1_000_000L, 50_000_000L, 500_000_000L,
                                1_000_000_000L, 2_000_000_000L).get(band) + offset);
        return anywhere.mix(edge, 50);
    }

    @Test
    void feeIsMonotoneAndItsMarginalRateNeverExceedsOnePointFivePercent() {
        qt().withExamples(Integer.getInteger("property.examples", 200))
                .forAll(enforcedMinor(), enforcedMinor())
                .checkAssert((first, second) -> {
                    long lowMinor = Math.min(first, second);
                    long highMinor = Math.max(first, second);
                    long lowFee = ExecutionFee.forEnforcedAmount(Money.ofMinor(CNY, lowMinor))
                            .getAmountMinorLong();
                    long highFee = ExecutionFee.forEnforcedAmount(Money.ofMinor(CNY, highMinor))
                            .getAmountMinorLong();
                    assertTrue(highFee >= lowFee,
                            "fee(" + highMinor + ") < fee(" + lowMinor + ")");
                    // Each fee is within half a fen of its exact value, so the difference of the
                    // rounded fees exceeds 1.5% of the difference of the amounts by under 1 fen.
                    BigDecimal steepest = new BigDecimal("0.015")
                            .multiply(BigDecimal.valueOf(highMinor - lowMinor))
                            .add(BigDecimal.ONE);
                    assertTrue(BigDecimal.valueOf(highFee - lowFee).compareTo(steepest) <= 0,
                            "fee grows faster than 1.5% between " + lowMinor + " and "
                                    + highMinor + " fen");
                });
    }
}
