package org.casefunds.ledger.formats.statement;

import java.time.LocalDate;
import java.util.Optional;
import org.casefunds.ledger.reconciliation.Direction;
import org.casefunds.ledger.reconciliation.StatementLine;
import org.joda.money.Money;

/**
 * One line of a bank statement file, read and checked.
 *
 * @param line the physical line the record starts on, from 1
 * @param serial the bank's serial number
 * @param valueDate the value date
 * @param direction credit (money in) or debit (money out)
 * @param amount the positive amount in the master account's currency
 * @param payerName who paid or was paid
 * @param payerAccount their account
 * @param payerBank their bank
 * @param memo the memo columns, joined
 * @param subAccount the sub-account the money was paid to
 * @param balance the account's balance after the line
 * @param account the master account the line names
 */
public record StatementEntry(
        long line, String serial, LocalDate valueDate, Direction direction, Money amount, Optional<String> payerName,
        Optional<String> payerAccount, Optional<String> payerBank, Optional<String> memo, Optional<String> subAccount,
        Optional<Money> balance, Optional<String> account) {

    /** The line as reconciliation sees it. */
    public StatementLine toStatementLine() {
        return new StatementLine(line, serial, valueDate, direction, amount, payerName, memo, balance);
    }
}
