package org.casefunds.ledger.reconciliation;

import java.time.LocalDate;
import java.util.Optional;
import org.casefunds.ledger.base.Checks;
import org.joda.money.Money;

/**
 * What reconciling a master account's statement with the ledger over a period found. Counts are
 * exact; each category's listing shows its first lines only, up to the reconciliation's detail
 * limit.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param bankAccount the master account
 * @param from the period's first day
 * @param to the period's last day
 * @param ledgerOpening the ledger's posted balance of {@code bank:<no>} at the end of the day before
 *     {@code from}
 * @param ledgerClosing the ledger's posted balance at the end of {@code to}
 * @param statementOpening the statement's balance before its first line of the period: that line's
 *     balance minus its own movement; empty when no line of the period states a balance
 * @param statementClosing the statement's balance after its last line of the period; empty likewise
 * @param statementLines how many lines the statement holds, in the period or not
 * @param statementLinesOutsidePeriod how many of them are dated outside the period (they are used
 *     only to find a ledger line of the period that the bank dated outside it)
 * @param matched how many lines of the period agree in reference, direction, amount and date
 * @param onlyInBank statement lines of the period the ledger does not have
 * @param onlyInLedger ledger lines of the period the statement does not have
 * @param amountMismatches the same reference and direction with a different amount
 * @param dateMismatches the same reference, direction and amount with a different date, including
 *     a line of the period that the other side dates outside it
 * @param correctedInLedger events reversed within the period: the bank shows neither
 * @param balanceBreaks statement lines where the statement's own running balance breaks
 */
public record ReconciliationReport(
        String bankAccount, LocalDate from, LocalDate to, Money ledgerOpening, Money ledgerClosing,
        Optional<Money> statementOpening, Optional<Money> statementClosing, long statementLines,
        long statementLinesOutsidePeriod, long matched, Listing<StatementLine> onlyInBank,
        Listing<LedgerLine> onlyInLedger, Listing<Mismatch> amountMismatches, Listing<Mismatch> dateMismatches,
        Listing<Correction> correctedInLedger, Listing<BalanceBreak> balanceBreaks) {

    /** Checks nothing is missing. */
    public ReconciliationReport {
        Checks.required(bankAccount, "bankAccount");
        Checks.required(from, "from");
        Checks.required(to, "to");
        Checks.required(ledgerOpening, "ledgerOpening");
        Checks.required(ledgerClosing, "ledgerClosing");
        Checks.required(statementOpening, "statementOpening");
        Checks.required(statementClosing, "statementClosing");
        Checks.required(onlyInBank, "onlyInBank");
        Checks.required(onlyInLedger, "onlyInLedger");
        Checks.required(amountMismatches, "amountMismatches");
        Checks.required(dateMismatches, "dateMismatches");
        Checks.required(correctedInLedger, "correctedInLedger");
        Checks.required(balanceBreaks, "balanceBreaks");
    }

    /** Whether every line of the period is matched on both sides (corrections in the ledger aside). */
    public boolean linesMatch() {
        return onlyInBank.isEmpty() && onlyInLedger.isEmpty() && amountMismatches.isEmpty()
                && dateMismatches.isEmpty();
    }

    /**
     * Whether the statement states balances and they equal the ledger's, opening and closing. A
     * statement without a balance column never agrees: its balances cannot be checked.
     */
    public boolean balancesAgree() {
        return statementOpening.equals(Optional.of(ledgerOpening))
                && statementClosing.equals(Optional.of(ledgerClosing));
    }

    /**
     * Whether the statement reconciles: every line matched, the balances agree, and the statement's
     * own running balance never breaks.
     */
    public boolean reconciled() {
        return linesMatch() && balancesAgree() && balanceBreaks.isEmpty();
    }
}
