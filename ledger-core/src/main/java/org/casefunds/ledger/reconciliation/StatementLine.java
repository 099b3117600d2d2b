package org.casefunds.ledger.reconciliation;

import java.time.LocalDate;
import java.util.Optional;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.Limits;
import org.casefunds.ledger.cases.BankDetails;
import org.casefunds.ledger.commands.Request;
import org.casefunds.ledger.money.Amounts;
import org.joda.money.Money;

/**
 * One line of a master account's bank statement.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param lineNumber where the line starts in the statement file, from 1
 * @param reference the bank's serial number of the transaction, never null
 * @param valueDate the bank value date, never null
 * @param direction money in (credit) or out (debit), never null
 * @param amount the positive amount, never null
 * @param counterparty who paid or was paid, if the statement says
 * @param memo the statement's memo (摘要, 附言, 用途), if any
 * @param balanceAfter the account's balance after this line, if the statement has a balance column
 */
public record StatementLine(
        long lineNumber, String reference, LocalDate valueDate, Direction direction, Money amount,
        Optional<String> counterparty, Optional<String> memo, Optional<Money> balanceAfter) {

    /** Checks the values; blank texts become empty. */
    public StatementLine {
        Checks.argument(lineNumber >= 1, "lineNumber", lineNumber, "lines are numbered from 1");
        reference = Checks.requiredText(reference, "reference", Limits.BANK_REFERENCE_LENGTH_MAX);
        Checks.required(valueDate, "valueDate");
        Checks.required(direction, "direction");
        Amounts.positive(amount, "amount");
        counterparty = Optional.ofNullable(Checks.optionalText(Checks.required(counterparty, "counterparty")
                .orElse(null), "counterparty", Limits.ACCOUNT_HOLDER_LENGTH_MAX));
        memo = Optional.ofNullable(Checks.optionalText(Checks.required(memo, "memo").orElse(null), "memo",
                Limits.FREE_TEXT_LENGTH_MAX));
        Checks.required(balanceAfter, "balanceAfter");
        balanceAfter.ifPresent(balance -> Amounts.sameCurrency(balance, amount.getCurrencyUnit(), "balanceAfter",
                "the line's amount"));
    }

    /** A line; {@code counterparty}, {@code memo} and {@code balanceAfter} may be null. */
    public static StatementLine of(long lineNumber, String reference, LocalDate valueDate, Direction direction,
            Money amount, String counterparty, String memo, Money balanceAfter) {
        return new StatementLine(lineNumber, reference, valueDate, direction, amount, Optional.ofNullable(counterparty),
                Optional.ofNullable(memo), Optional.ofNullable(balanceAfter));
    }

    /** The line's effect on the balance in minor units: positive for a credit, negative for a debit. */
    public long movementMinor() {
        return direction.signed(amount.getAmountMinorLong());
    }
}
