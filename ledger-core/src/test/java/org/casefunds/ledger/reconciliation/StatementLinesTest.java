package org.casefunds.ledger.reconciliation;

import static org.casefunds.ledger.testing.Fixtures.CNY;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;

/**
 * Goal: the compact store gives back every line exactly as added and finds each by its reference,
 * across many growths of its arrays, its index and its text chunks.
 *
 * <p>Method: 300,000 lines with neighbouring serial numbers (the worst case for a weak hash),
 * Chinese texts of varying length and absent parts are added, then every one is looked up and
 * rebuilt; references never added are not found.
 */
class StatementLinesTest {
    private static StatementLine line(int i) {
        String counterparty = i % 3 == 0 ? null : "北京某某贸易有限公司" + i;
        String memo = i % 5 == 0 ? null : "（2025）京02执" + i + "号 执行款" + "附言".repeat(i % 40);
        Money balance = i % 7 == 0 ? null : Money.ofMinor(CNY, (long) i * 31 - 5_000_000);
        return StatementLine.of(i + 2, "SN2025" + String.format("%09d", i), LocalDate.of(2025, 1, 1).plusDays(i % 400),
                i % 2 == 0 ? Direction.CREDIT : Direction.DEBIT, Money.ofMinor(CNY, 1 + i * 7L), counterparty, memo,
                balance);
    }

    @Test
    void everyLineComesBackAsAddedAndIsFoundByItsReference() {
        StatementLines lines = new StatementLines();
        int count = 300_000;
        for (int i = 0; i < count; i++) {
            assertEquals(i, lines.add(line(i), i % 4 != 0));
        }
        assertEquals(count, lines.size());
        for (int i = 0; i < count; i++) {
            StatementLine expected = line(i);
            int index = lines.find(expected.reference());
            assertEquals(i, index, expected.reference());
            assertEquals(expected, lines.line(index, CNY));
            assertEquals(i % 4 != 0, lines.inPeriod(index));
            assertEquals(StatementLines.FREE, lines.state(index));
        }
        assertEquals(-1, lines.find("SN2025" + String.format("%09d", count)));
        assertEquals(-1, lines.find("SN2025"));
    }
}
