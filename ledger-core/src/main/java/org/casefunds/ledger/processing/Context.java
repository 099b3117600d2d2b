package org.casefunds.ledger.processing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.approvals.PersonIds;
import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InsufficientFundsException;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.NotFoundException;
import org.casefunds.ledger.base.PermissionDeniedException;
import org.casefunds.ledger.base.StateConflictException;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.commands.Command;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.journal.LotMovement;
import org.casefunds.ledger.money.Amounts;
import org.casefunds.ledger.policy.CourtRules;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.state.BankAccount;
import org.casefunds.ledger.state.CaseRecord;
import org.casefunds.ledger.state.LedgerView;
import org.casefunds.ledger.state.Lot;
import org.casefunds.ledger.store.JournalStore;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * One command being decided: the state it is decided against, the policy in force on its date, the
 * draft event, and the checks that several kinds of request share. The decisions of each concept's
 * package receive it from the {@link CommandProcessor}, which alone makes one.
 *
 * <p>This class is not thread-safe: it lives for the one command being decided.
 */
public final class Context {
    private final Command command;
    private final LedgerView view;
    private final JournalStore.Writer writer;
    private final Policy policy;
    private final Draft draft;
    private final LocalDate date;
    private final Set<Optional<String>> divisions = new HashSet<>();

    Context(Command command, JournalStore.Writer writer, Policy policy) {
        this.command = command;
        this.writer = writer;
        this.view = writer.view();
        // The policy in force on the command's date decides it: the one adopted by then, else the default.
        this.policy = view.courtRules().policyOn(command.effectiveDate())
                .map(CourtRules.AdoptedPolicy::policy).orElse(policy);
        this.draft = new Draft(view.lastSequence() + 1);
        this.date = command.effectiveDate();
    }

    /** The command being decided. */
    public Command command() {
        return command;
    }

    /** The state it is decided against. */
    public LedgerView view() {
        return view;
    }

    /** The policy in force on its date. */
    public Policy policy() {
        return policy;
    }

    /** The event recorded under idempotency key {@code key}, this transaction's included. */
    public Optional<Event> eventByKey(String key) {
        return writer.findByKey(key);
    }

    /** The event being drafted. */
    public Draft draft() {
        return draft;
    }

    /** Its effective date. */
    public LocalDate date() {
        return date;
    }

    public String key() {
        return command.idempotencyKey();
    }

    /** The case, opened on or before the command's date. */
    public CaseRecord requireCase(CaseNumber caseNumber, String field) {
        CaseRecord record = view.caseRecord(caseNumber).orElseThrow(() -> new NotFoundException(
                ErrorCode.UNKNOWN_CASE, field, caseNumber, "no such case in this ledger; open it first (OpenCase)"));
        requireNotBefore(record.openedOn(), field, caseNumber, "the case's fund record was opened on");
        concerns(record.division());
        return record;
    }

    /**
     * Notes that the request concerns a case of {@code division} (empty: a case of no division). A
     * role granted for one division covers the request only if every case it concerns is of that
     * division; {@link #requireCase} notes each case it finds.
     */
    public void concerns(Optional<String> division) {
        divisions.add(division);
    }

    /** The divisions of the cases the request concerns; empty when it concerns no case. */
    public Set<Optional<String>> divisions() {
        return Collections.unmodifiableSet(divisions);
    }

    /**
     * Refuses the command unless {@code personId} holds {@code role} on its date: someone a request
     * names (a case's new handler) rather than someone who acts.
     */
    public void requireHolds(String personId, Role role, String field) {
        Authority.requireHeld(view.staffRegister(), personId, role, date, field);
    }

    /** Refuses the command unless its actor is the case's current handler. */
    public void requireHandler(CaseRecord record) {
        if (!PersonIds.same(record.handler(), command.actor().id())) {
            throw new PermissionDeniedException(ErrorCode.NOT_CASE_HANDLER, "actor.id", command.actor().id(),
                    "is not the handler of " + record.caseNumber() + " (its handler is " + record.handler()
                            + "); ask the handler, or hand the case over first");
        }
    }

    /** Refuses the command unless its actor is the case's handler or holds {@code senior} role. */
    public void requireHandlerOrSenior(CaseRecord record) {
        if (command.actor().has(Role.DIVISION_HEAD) || command.actor().has(Role.BUREAU_DIRECTOR)) {
            return;
        }
        requireHandler(record);
    }

    /** The master account, registered on or before the command's date. */
    public BankAccount requireBankAccount(String number, String field) {
        BankAccount account = view.bankAccount(number).orElseThrow(() -> new NotFoundException(
                ErrorCode.UNKNOWN_BANK_ACCOUNT, field, number,
                "is not a master account of this ledger; register it first (RegisterBankAccount)"));
        requireNotBefore(account.registeredOn(), field, number, "the account was registered on");
        return account;
    }

    /**
     * The master account that pays {@code amount}: the one named, or the court's only active account
     * in the amount's currency. It must be active, in that currency, and have the money available.
     */
    public BankAccount payingAccount(Optional<String> named, Money amount) {
        BankAccount account;
        if (named.isPresent()) {
            account = requireBankAccount(named.get(), "bankAccount");
        } else {
            List<BankAccount> candidates = new ArrayList<>();
            for (BankAccount each : view.bankAccounts()) {
                if (!each.retired() && each.currency().equals(amount.getCurrencyUnit())) {
                    candidates.add(each);
                }
            }
            if (candidates.size() != 1) {
                throw new InvalidInputException(ErrorCode.MISSING_VALUE, "bankAccount", null,
                        "the court has " + candidates.size() + " active master accounts in "
                                + amount.getCurrencyUnit() + "; name the one that pays");
            }
            account = requireBankAccount(candidates.get(0).number(), "bankAccount");
        }
        // A retired account still pays when it is named: the money that reached it is there.
        Amounts.sameCurrency(amount, account.currency(), "amount", "master account " + account.number());
        requireAvailable(account, amount);
        return account;
    }

    /** Refuses a new payment from {@code account} above what it holds beyond the payments under way. */
    public void requireAvailable(BankAccount account, Money amount) {
        AccountId bank = AccountId.bank(account.number());
        Money available = view.balance(bank, account.currency()).minus(view.pending(bank, account.currency()));
        if (amount.isGreaterThan(available)) {
            throw new InsufficientFundsException("amount", bank.toString(), amount, available,
                    "after the payments already under way; pay from another master account");
        }
    }

    /**
     * Refuses a new disbursement whose id is already taken: a notice's id is its key, a
     * distribution share's is {@code key#n}, and the two must never meet.
     */
    public void requireNewDisbursement(String id) {
        if (view.disbursement(id).isPresent()) {
            throw new StateConflictException(ErrorCode.ALREADY_EXISTS, "idempotencyKey", key(),
                    "would issue disbursement '" + id + "', which already exists (a payout notice's id is its key,"
                            + " a distribution share's is key#n); use another key");
        }
    }

    /** Refuses a date of the command before {@code earliest}. */
    public void requireNotBefore(LocalDate earliest, String field, Object value, String what) {
        if (date.isBefore(earliest)) {
            throw new StateConflictException(ErrorCode.OUT_OF_ORDER, field, value,
                    what + " " + earliest + ", after the command's effective date " + date
                            + "; date the command on or after " + earliest);
        }
    }

    /**
     * Takes {@code amount} from the open lots of {@code account}, oldest clock first, using only
     * money that was there on the command's date.
     */
    public List<LotMovement> consumeOldestFirst(AccountId account, Money amount, String field) {
        return consume(view.openLots(account, amount.getCurrencyUnit()), account.toString(), amount, field);
    }

    /** Takes {@code amount} from the given lots in their order, as of the command's date. */
    public List<LotMovement> consume(List<Lot> lots, String holder, Money amount, String field) {
        List<LotMovement> taken = new ArrayList<>();
        for (Piece piece : plan(lots, holder, amount, field)) {
            taken.add(draft.consume(piece.lot(), piece.amount()));
        }
        return taken;
    }

    /** A part of a lot that a command will take. */
    public record Piece(Lot lot, Money amount) {
    }

    /**
     * Which parts of the given lots, in their order, make up {@code amount}, using only money that
     * was there on the command's date; records nothing.
     */
    public List<Piece> plan(List<Lot> lots, String holder, Money amount, String field) {
        CurrencyUnit currency = amount.getCurrencyUnit();
        Money availableNow = Money.zero(currency);
        Money availableLater = Money.zero(currency);
        LocalDate firstLater = null;
        for (Lot lot : lots) {
            if (lot.availableFrom().isAfter(date)) {
                availableLater = availableLater.plus(lot.remaining());
                firstLater = firstLater == null || lot.availableFrom().isBefore(firstLater)
                        ? lot.availableFrom() : firstLater;
            } else {
                availableNow = availableNow.plus(lot.remaining());
            }
        }
        if (amount.isGreaterThan(availableNow)) {
            String later = availableLater.isPositive()
                    ? "; " + availableLater + " more arrived later, the first of it on " + firstLater
                    : "";
            throw new InsufficientFundsException(field, holder, amount, availableNow,
                    "that is all the money there on " + date + later);
        }
        List<Piece> pieces = new ArrayList<>();
        Money needed = amount;
        for (Lot lot : lots) {
            if (!needed.isPositive()) {
                break;
            }
            if (lot.availableFrom().isAfter(date)) {
                continue;
            }
            Money take = lot.remaining().isLessThan(needed) ? lot.remaining() : needed;
            pieces.add(new Piece(lot, take));
            needed = needed.minus(take);
        }
        return pieces;
    }
}
