package org.casefunds.ledger.events;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.policy.DeferralReason;
import org.joda.money.Money;

/**
 * Payout of a case's money is deferred (延缓发放) for an approved reason until a date; while it
 * holds, the money it covers is not overdue. Requested by the handler and approved in one step:
 * the approvals are on the event. Its deferral id is the event's idempotency key.
 *
 * @param caseNumber the case
 * @param reason the reason code
 * @param explanation the written explanation
 * @param start the first day it holds
 * @param end the last day it holds
 * @param amount the amount it covers; empty for all of the case's money
 */
public record DeferralGranted(
        CaseNumber caseNumber, DeferralReason reason, String explanation, LocalDate start, LocalDate end,
        Optional<Money> amount) implements EventPayload {

    @Override
    public List<CaseNumber> cases() {
        return List.of(caseNumber);
    }
}
