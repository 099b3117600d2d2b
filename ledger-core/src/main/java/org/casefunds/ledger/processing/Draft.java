package org.casefunds.ledger.processing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.accounts.Posting;
import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.events.EventPayload;
import org.casefunds.ledger.journal.LotId;
import org.casefunds.ledger.journal.LotMovement;
import org.casefunds.ledger.state.Lot;
import org.joda.money.Money;

/** The event a command is deciding on, before it is sealed: payload, postings, lot movements, approvals needed. */
public final class Draft {
    private final long sequence;
    private final List<Posting> postings = new ArrayList<>();
    private final List<LotMovement> lotMovements = new ArrayList<>();
    private final List<Role> approvalsNeeded = new ArrayList<>();
    private String approvalRule = "";
    private String amountField = "amount";
    private Object amountFieldValue;
    private EventPayload payload;
    private int lotsCreated;

    Draft(long sequence) {
        this.sequence = sequence;
    }

    public long sequence() {
        return sequence;
    }

    /** Moves {@code amount} from {@code debited} to {@code credited}. */
    public void transfer(AccountId debited, AccountId credited, Money amount) {
        postings.add(Posting.debit(debited, amount));
        postings.add(Posting.credit(credited, amount));
    }

    public void post(Posting posting) {
        postings.add(posting);
    }

    /** A new lot on {@code account}, numbered after the ones this event already created. */
    public LotMovement createLot(AccountId account, Money amount, LocalDate arrivalDate, LocalDate clockStart,
            String receipt) {
        LotMovement movement = new LotMovement(new LotId(sequence, ++lotsCreated), LotMovement.Type.CREATE,
                account, amount, arrivalDate, clockStart, receipt);
        lotMovements.add(movement);
        return movement;
    }

    /** Takes {@code amount} from {@code lot}. */
    public LotMovement consume(Lot lot, Money amount) {
        LotMovement movement = new LotMovement(lot.id(), LotMovement.Type.CONSUME, lot.account(), amount,
                lot.arrivalDate(), lot.clockStart(), lot.receipt());
        lotMovements.add(movement);
        return movement;
    }

    public void move(LotMovement movement) {
        lotMovements.add(movement);
    }

    public void needApprovals(List<Role> roles, String rule) {
        approvalsNeeded.addAll(roles);
        approvalRule = rule;
    }

    /**
     * Names the command field that refusals about money should name, and its value, when it is not
     * the default {@code amount} (whose value is the amount lacking).
     */
    public void amountField(String field, Object value) {
        amountField = field;
        amountFieldValue = value;
    }

    public String amountField() {
        return amountField;
    }

    /** The value of {@link #amountField()}, or empty when it is the amount itself. */
    public Optional<Object> amountFieldValue() {
        return Optional.ofNullable(amountFieldValue);
    }

    public void payload(EventPayload value) {
        payload = value;
    }

    public EventPayload payload() {
        return payload;
    }

    public List<Posting> postings() {
        return postings;
    }

    public List<LotMovement> lotMovements() {
        return lotMovements;
    }

    public List<Role> approvalsNeeded() {
        return approvalsNeeded;
    }

    public String approvalRule() {
        return approvalRule;
    }
}
