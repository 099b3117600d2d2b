package org.casefunds.ledger.events;

import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.cases.CaseNumber;
import org.joda.money.Money;

/**
 * Money arrived on a master account, on the event's effective date (the bank value date). It was
 * routed to a case, or waits as an unidentified receipt.
 *
 * @param bankAccount the master account it arrived on
 * @param bankReference the bank's serial number, unique per master account
 * @param amount the amount
 * @param payer who paid, as far as known
 * @param memo the payment's memo (附言)
 * @param source how the money came
 * @param subAccountNumber the sub-account it was paid to, if any
 * @param routing how its case was found
 * @param caseNumber the case it was routed to; empty when unidentified
 * @param onRetiredAccount whether it arrived on a retired account (flagged at once)
 * @param namedCase the case the payer or the bank named with the payment, kept even when the money
 *     could not be routed to it (the case was not open then), so that screening can find it
 */
public record ReceiptRecorded(
        String bankAccount, String bankReference, Money amount, Payer payer, Optional<String> memo,
        ReceiptSource source, Optional<String> subAccountNumber, Routing routing,
        Optional<CaseNumber> caseNumber, boolean onRetiredAccount, Optional<CaseNumber> namedCase)
        implements EventPayload {

    @Override
    public List<CaseNumber> cases() {
        return caseNumber.map(List::of).orElse(List.of());
    }
}
