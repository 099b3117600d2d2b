package org.casefunds.ledger.commands;

import java.util.Optional;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.Limits;
import org.casefunds.ledger.cases.BankDetails;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.events.DepositReason;
import org.casefunds.ledger.money.Amounts;
import org.joda.money.Money;

/**
 * Deposits money of the case with a notary (提存, Civil Code arts. 570–574).
 *
 * @param caseNumber the case
 * @param payee who is paid
 * @param amount how much
 * @param bankAccount the master account that pays; may be empty when the court has one active
 *     account in the amount's currency
 * @param note a note for finance
 */
public record DepositWithNotary(
        CaseNumber caseNumber, BankDetails payee, Money amount, DepositReason reason, Optional<String> bankAccount,
        Optional<String> note) implements Request {
    /** Checks the values. */
    public DepositWithNotary {
        Checks.required(caseNumber, "caseNumber");
        Checks.required(payee, "payee");
        Amounts.positive(amount, "amount");
        Checks.required(reason, "reason");
        Checks.required(bankAccount, "bankAccount");
        note = Optional.ofNullable(Checks.optionalText(Checks.required(note, "note").orElse(null), "note",
                Limits.FREE_TEXT_LENGTH_MAX));
    }
}
