package org.casefunds.ledger.testing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The application fee for enforcement, written again from the statute for the reference model
 * (诉讼费用交纳办法 art. 14): 50 yuan up to 10,000; 1.5% of the part to 500,000; 1% to 5,000,000;
 * 0.5% to 10,000,000; 0.1% above. In fen, rounded half up once.
 */
final class StatutoryFee {
    private StatutoryFee() {
    }

    static long of(long enforcedFen) {
        BigDecimal amount = BigDecimal.valueOf(enforcedFen, 2);
        BigDecimal fee = new BigDecimal("50");
        fee = fee.add(part(amount, "10000", "500000", "0.015"));
        fee = fee.add(part(amount, "500000", "5000000", "0.01"));
        fee = fee.add(part(amount, "5000000", "10000000", "0.005"));
        fee = fee.add(part(amount, "10000000", null, "0.001"));
        return fee.setScale(2, RoundingMode.HALF_UP).unscaledValue().longValueExact();
    }

    private static BigDecimal part(BigDecimal amount, String from, String to, String rate) {
        BigDecimal lower = new BigDecimal(from);
        BigDecimal upper = to == null ? amount : amount.min(new BigDecimal(to));
        BigDecimal slice = upper.subtract(lower);
        return slice.signum() > 0 ? slice.multiply(new BigDecimal(rate)) : BigDecimal.ZERO;
    }
}
