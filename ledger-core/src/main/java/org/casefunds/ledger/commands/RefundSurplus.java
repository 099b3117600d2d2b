package org.casefunds.ledger.commands;

import java.util.Optional;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.Limits;
import org.casefunds.ledger.cases.BankDetails;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.money.Amounts;
import org.joda.money.Money;

/**
 * Refunds money above the debt and costs to the debtor (docs/domain.md item 22); the payee must be an * debtor of the case.
 *
 * @param caseNumber the case
 * @param payee who is paid
 * @param amount how much
 * @param bankAccount the master account that pays; may be empty when the court has one active
 *     account in the amount's currency
 * @param note a note for finance
 */
public record RefundSurplus(
        CaseNumber caseNumber, BankDetails payee, Money amount, Optional<String> bankAccount,
        Optional<String> note) implements Request {
    /** Checks the values. */
    public RefundSurplus {
        Checks.required(caseNumber, "caseNumber");
        Checks.required(payee, "payee");
        Amounts.positive(amount, "amount");
        Checks.required(bankAccount, "bankAccount");
        note = Optional.ofNullable(Checks.optionalText(Checks.required(note, "note").orElse(null), "note",
                Limits.FREE_TEXT_LENGTH_MAX));
    }
}
