package org.casefunds.ledger.commands;

import java.util.Optional;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.Limits;
import org.casefunds.ledger.cases.BankDetails;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.money.Amounts;
import org.joda.money.Money;

/**
 * Issues a payment notice to finance (支付案款通知) for a creditor of the case; the payee must be ann * account confirmed for the case. Refused above the case's available balance.
 *
 * @param caseNumber the case
 * @param payee who is paid
 * @param amount how much
 * @param bankAccount the master account that pays; may be empty when the court has one active
 *     account in the amount's currency
 * @param note a note for finance
 */
public record IssuePayoutNotice(
        CaseNumber caseNumber, BankDetails payee, Money amount, Optional<String> bankAccount,
        Optional<String> note) implements Request {
    /** Checks the values. */
    public IssuePayoutNotice {
        Checks.required(caseNumber, "caseNumber");
        Checks.required(payee, "payee");
        Amounts.positive(amount, "amount");
        Checks.required(bankAccount, "bankAccount");
        note = Optional.ofNullable(Checks.optionalText(Checks.required(note, "note").orElse(null), "note",
                Limits.FREE_TEXT_LENGTH_MAX));
    }

    /** A notice paid from the court's only active account in the amount's currency. */
    public static IssuePayoutNotice of(CaseNumber caseNumber, BankDetails payee, Money amount) {
        return new IssuePayoutNotice(caseNumber, payee, amount, Optional.empty(), Optional.empty());
    }
}
