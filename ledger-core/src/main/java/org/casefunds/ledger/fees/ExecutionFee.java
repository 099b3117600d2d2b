package org.casefunds.ledger.fees;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.Limits;
import org.casefunds.ledger.money.Amounts;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * The application fee for enforcement (申请执行费) of 《诉讼费用交纳办法》 (Measures on the Payment of
 * Litigation Costs, 2007) art. 14 item (1), charged on the amount actually enforced:
 *
 * <ul>
 *   <li>50 yuan per case for an amount up to 10,000 yuan (inclusive);
 *   <li>plus 1.5% of the part above 10,000 up to 500,000 yuan;
 *   <li>plus 1% of the part above 500,000 up to 5,000,000 yuan;
 *   <li>plus 0.5% of the part above 5,000,000 up to 10,000,000 yuan;
 *   <li>plus 0.1% of the part above 10,000,000 yuan.
 * </ul>
 *
 * <p>Worked example: 1,000,000.00 yuan enforced gives 50 + 1.5% × 490,000 + 1% × 500,000
 * = 50 + 7,350 + 5,000 = 12,400.00 yuan. The fee is borne by the debtor and settled out of the
 * enforced money before the creditor is paid (DOMAIN §5 item 21).
 *
 * <p>The bands are declared once, in {@link #bands()}, which reports and documentation print as
 * the fee table. The statute is written in yuan, so only {@code CNY} amounts are accepted.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class ExecutionFee {
    /** The currency the statutory bands are written in. */
    public static final CurrencyUnit STATUTE_CURRENCY = CurrencyUnit.of("CNY");

    private static final String FIELD = "enforcedAmount";

    private static final List<Band> BANDS = List.of(
            new Band(yuan("0"), yuan("10000"), new BigDecimal("0"), yuan("50")),
            new Band(yuan("10000"), yuan("500000"), new BigDecimal("0.015"), yuan("0")),
            new Band(yuan("500000"), yuan("5000000"), new BigDecimal("0.01"), yuan("0")),
            new Band(yuan("5000000"), yuan("10000000"), new BigDecimal("0.005"), yuan("0")),
            new Band(yuan("10000000"), null, new BigDecimal("0.001"), yuan("0")));

    private ExecutionFee() {
    }

    /**
     * One band of the fee table: an enforced amount above {@code from} adds {@code fixed} plus
     * {@code rate} times the part of the amount above {@code from} and up to {@code upTo}.
     *
     * @param from the lower edge, exclusive; never null
     * @param upTo the upper edge, inclusive; null for the last band, which is open
     * @param rate the share of the part of the amount within the band, for example {@code 0.015}
     *     for 1.5%; never null, never negative
     * @param fixed the fixed charge once the amount is above {@code from}; never null, in the
     *     currency of {@code from}
     */
    public record Band(Money from, Money upTo, BigDecimal rate, Money fixed) {
        /**
         * Creates a band.
         *
         * @throws NullPointerException if {@code from}, {@code rate} or {@code fixed} is null
         * @throws IllegalArgumentException if the rate is negative, {@code upTo} is not above
         *     {@code from}, or the amounts are in different currencies
         */
        public Band {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(rate, "rate");
            Objects.requireNonNull(fixed, "fixed");
            if (rate.signum() < 0) {
                throw new IllegalArgumentException("rate must not be negative: " + rate);
            }
            if (!fixed.getCurrencyUnit().equals(from.getCurrencyUnit())) {
                throw new IllegalArgumentException("fixed and from must share a currency");
            }
            if (upTo != null) {
                if (!upTo.getCurrencyUnit().equals(from.getCurrencyUnit())) {
                    throw new IllegalArgumentException("upTo and from must share a currency");
                }
                if (!upTo.isGreaterThan(from)) {
                    throw new IllegalArgumentException("upTo " + upTo + " must be above " + from);
                }
            }
        }

        /** Whether the band has no upper edge (the last band). */
        public boolean isOpen() {
            return upTo == null;
        }

        /**
         * This band's exact contribution, in minor units and unrounded, to the fee on
         * {@code enforcedMinor}: zero unless the amount is above {@code from}.
         */
        BigDecimal contributionMinor(long enforcedMinor) {
            long fromMinor = from.getAmountMinorLong();
            if (enforcedMinor <= fromMinor) {
                return BigDecimal.ZERO;
            }
            long topMinor = isOpen()
                    ? enforcedMinor
                    : Math.min(enforcedMinor, upTo.getAmountMinorLong());
            BigDecimal part = BigDecimal.valueOf(topMinor - fromMinor).multiply(rate);
            return part.add(BigDecimal.valueOf(fixed.getAmountMinorLong()));
        }
    }

    /**
     * The fee table of art. 14 item (1), lowest band first; consecutive bands meet (one band's
     * {@code upTo} is the next band's {@code from}) and only the last is open.
     *
     * @return the bands, an immutable list, never null
     */
    public static List<Band> bands() {
        return BANDS;
    }

    /**
     * The application fee for enforcement on the amount actually enforced. The sum of the bands is
     * computed exactly in {@link BigDecimal} on minor units (fen), and the total is rounded once,
     * {@link RoundingMode#HALF_UP}, to the fen; the bands themselves are never rounded. For
     * example 1,000,000.00 gives 12,400.00 and 10,000.01 gives 50.00 (50.00015 rounded).
     *
     * @param enforced the amount actually enforced, positive, in CNY; not null
     * @return the fee, in CNY, at least 50.00; never null
     * @throws InvalidInputException naming {@code enforcedAmount}: {@link ErrorCode#MISSING_VALUE}
     *     if it is null, {@link ErrorCode#CURRENCY_MISMATCH} if it is not in CNY,
     *     {@link ErrorCode#INVALID_AMOUNT} if it is zero, negative or above
     *     {@link Limits#AMOUNT_MINOR_MAX}
     */
    public static Money forEnforcedAmount(Money enforced) {
        Checks.required(enforced, FIELD);
        if (!enforced.getCurrencyUnit().equals(STATUTE_CURRENCY)) {
            throw new InvalidInputException(ErrorCode.CURRENCY_MISMATCH, FIELD, enforced,
                    "the statutory bands of 诉讼费用交纳办法 art. 14 are in " + STATUTE_CURRENCY
                            + "; give the enforced amount in " + STATUTE_CURRENCY);
        }
        Amounts.positive(enforced, FIELD);
        long enforcedMinor = enforced.getAmountMinorLong();
        BigDecimal feeMinor = BigDecimal.ZERO;
        for (Band band : BANDS) {
            feeMinor = feeMinor.add(band.contributionMinor(enforcedMinor));
        }
        long roundedMinor = feeMinor.setScale(0, RoundingMode.HALF_UP).longValueExact();
        checkBounds(enforcedMinor, roundedMinor);
        return Money.ofMinor(STATUTE_CURRENCY, roundedMinor);
    }

    /**
     * Guards the fee against a mistake in the table or the sum: it is at least the per-case charge
     * of the first band, and at most that charge plus the steepest rate on the whole amount.
     */
    private static void checkBounds(long enforcedMinor, long feeMinor) {
        long perCaseMinor = BANDS.get(0).fixed().getAmountMinorLong();
        BigDecimal steepestRate = BANDS.stream().map(Band::rate)
                .reduce(BigDecimal.ZERO, BigDecimal::max);
        long boundMinor = BigDecimal.valueOf(enforcedMinor).multiply(steepestRate)
                .add(BigDecimal.valueOf(perCaseMinor))
                .setScale(0, RoundingMode.CEILING).longValueExact();
        Checks.invariant(feeMinor >= perCaseMinor, "execution fee below the per-case charge");
        Checks.invariant(feeMinor <= boundMinor, "execution fee above the steepest rate");
    }

    private static Money yuan(String amount) {
        return Money.of(STATUTE_CURRENCY, new BigDecimal(amount));
    }
}
