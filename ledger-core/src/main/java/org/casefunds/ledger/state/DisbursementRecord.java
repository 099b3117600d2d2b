package org.casefunds.ledger.state;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.cases.BankDetails;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.events.Disbursement;
import org.casefunds.ledger.journal.LotMovement;
import org.joda.money.Money;

/**
 * Money on its way out in two phases: a payout notice, distribution share, refund or deposit.
 *
 * @param id the disbursement id: the issuing event's key, or {@code key#n} for a distribution share
 * @param kind what it is
 * @param source the case or unidentified account the money came from
 * @param caseNumber the case, when it came from one
 * @param receipt the unidentified receipt, for an unidentified refund
 * @param payee who is paid
 * @param amount how much
 * @param bankAccount the master account that pays
 * @param issuedOn the effective date of the issue
 * @param issueSequence the sequence of the issuing event
 * @param status where it stands
 * @param finishedOn the date it was settled, returned or cancelled
 * @param bankReference the bank's reference of the payment, once settled
 * @param consumed the lot pieces it took, with their arrival dates
 * @param changedOn the effective date of the latest event that changed its status: a later event
 *     about it may not be dated before this
 */
public record DisbursementRecord(
        String id, Disbursement kind, AccountId source, Optional<CaseNumber> caseNumber,
        Optional<String> receipt, BankDetails payee, Money amount, String bankAccount, LocalDate issuedOn,
        long issueSequence, Status status, Optional<LocalDate> finishedOn, Optional<String> bankReference,
        List<LotMovement> consumed, LocalDate changedOn) {

    /** Where a disbursement stands. */
    public enum Status {
        /** Issued to finance, in transit, not yet paid by the bank. */
        ISSUED,
        /** Paid by the bank. */
        SETTLED,
        /** The bank could not pay it; the money went back. */
        RETURNED,
        /** Its issue was reversed. */
        CANCELLED
    }

    /** Copies the list. */
    public DisbursementRecord {
        consumed = List.copyOf(consumed);
    }

    /** Whether it is still in transit. */
    public boolean inTransit() {
        return status == Status.ISSUED;
    }

    DisbursementRecord finish(Status newStatus, LocalDate on, Optional<String> reference) {
        return new DisbursementRecord(id, kind, source, caseNumber, receipt, payee, amount, bankAccount,
                issuedOn, issueSequence, newStatus, Optional.of(on), reference, consumed, on);
    }

    DisbursementRecord reopen(LocalDate on) {
        return new DisbursementRecord(id, kind, source, caseNumber, receipt, payee, amount, bankAccount,
                issuedOn, issueSequence, Status.ISSUED, Optional.empty(), Optional.empty(), consumed, on);
    }
}
