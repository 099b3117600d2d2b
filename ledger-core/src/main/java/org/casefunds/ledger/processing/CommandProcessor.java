package org.casefunds.ledger.processing;

import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.accounts.Posting;
import org.casefunds.ledger.approvals.FourEyes;
import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.IdempotencyConflictException;
import org.casefunds.ledger.base.InsufficientFundsException;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.Limits;
import org.casefunds.ledger.base.PermissionDeniedException;
import org.casefunds.ledger.base.StateConflictException;
import org.casefunds.ledger.commands.Command;
import org.casefunds.ledger.commands.CommandResult;
import org.casefunds.ledger.commands.OpenLedger;
import org.casefunds.ledger.commands.Request;
import org.casefunds.ledger.events.EventKind;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.store.JournalStore;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * Turns commands into events: checks who asks (the roles the request allows, held in the staff
 * register on its date), the date, the idempotency key and the request
 * against the state and the policy, decides the one event the command makes, seals it into the
 * hash chain and appends it. A command that is refused appends nothing.
 *
 * <p>"Today" is the day of the processor's clock in Beijing ({@link #COURT_ZONE}), when the command
 * is recorded: a command that moves money may not take effect more than
 * {@link Limits#MONEY_DATE_AFTER_TODAY_DAYS_MAX} day after it, since a bank value date is never in
 * the future. The core reads no clock of its own.
 *
 * <p>This class is immutable and thread-safe; the store serialises the writes.
 */
public final class CommandProcessor {
    /** The courts' time zone, in which a day begins and ends: Beijing time, the one time zone of China. */
    public static final ZoneId COURT_ZONE = ZoneId.of("Asia/Shanghai");

    private final Policy policy;
    private final InstantSource clock;
    private final RequestKinds kinds;

    /**
     * A processor deciding under {@code policy}, stamping events with {@code clock}'s instants.
     *
     * @param policy the court's policy, not null
     * @param clock where "recorded at" and "today" come from, not null; the core reads no clock of its own
     * @param kinds who may issue each kind of request, and how each is decided
     */
    public CommandProcessor(Policy policy, InstantSource clock, RequestKinds kinds) {
        this.policy = Checks.required(policy, "policy");
        this.clock = Checks.required(clock, "clock");
        this.kinds = Checks.required(kinds, "kinds");
    }

    /** The policy commands are decided under while the journal records none (the ledger's default). */
    public Policy policy() {
        return policy;
    }

    /**
     * Decides {@code command} and appends its event through {@code writer}; or, if the same command
     * was already applied under its key, returns that first event and appends nothing.
     *
     * @throws org.casefunds.ledger.base.LedgerException naming the field and value, if the command is
     *     refused; nothing is appended
     */
    public CommandResult execute(JournalStore.Writer writer, Command command) {
        Checks.required(command, "command");
        String digest = command.digest();
        Optional<Event> earlier = writer.findByKey(command.idempotencyKey());
        if (earlier.isPresent()) {
            if (earlier.get().requestDigest().equals(digest)) {
                return new CommandResult(earlier.get(), true);
            }
            throw new IdempotencyConflictException(ErrorCode.IDEMPOTENCY_CONFLICT, "idempotencyKey",
                    command.idempotencyKey(), "was already used by a different command (event "
                            + earlier.get().sequence() + ", " + earlier.get().kind()
                            + "); use a new key for a new command");
        }
        Instant recordedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Context context = new Context(command, writer, policy);
        checkActor(command);
        checkDate(context);
        Authority.requireRolesHeld(context.view().staffRegister(), command);
        decide(context, command.request());
        checkMoneyNotAhead(context, recordedAt);
        Authority.requireRolesCover(context.view().staffRegister(), command, context.divisions());
        FourEyes.check(command.actor(), command.approvals(), context.draft().approvalsNeeded(),
                context.draft().approvalRule());
        checkBalancesStayPositive(context);
        Event event = seal(context, digest, recordedAt);
        writer.append(event);
        return new CommandResult(event, false);
    }

    private void checkActor(Command command) {
        Set<Role> allowed = kinds.mayRequest(command.request().getClass());
        if (command.actor().roles().stream().noneMatch(allowed::contains)) {
            throw new PermissionDeniedException(ErrorCode.ROLE_NOT_PERMITTED, "actor.roles",
                    command.actor().roles(), "may not " + command.request().getClass().getSimpleName()
                            + "; that needs one of " + allowed);
        }
    }

    private static void checkDate(Context context) {
        boolean opening = context.command().request() instanceof OpenLedger;
        if (!opening && context.view().courtCode().isEmpty()) {
            throw new StateConflictException(ErrorCode.INVALID_STATE, "request",
                    context.command().request().getClass().getSimpleName(),
                    "the ledger is not open yet; its first command is OpenLedger");
        }
        context.view().openedOn().ifPresent(opened -> context.requireNotBefore(opened, "effectiveDate",
                context.date(), "the ledger opened on"));
        context.view().closedThrough().ifPresent(closed -> {
            if (!context.date().isAfter(closed)) {
                throw new StateConflictException(ErrorCode.PERIOD_CLOSED, "effectiveDate", context.date(),
                        "the books are closed through " + closed + "; date the command after it"
                                + " (corrections are reversals dated in the open period)");
            }
        });
    }

    private void decide(Context context, Request request) {
        kinds.decide(context, request);
    }

    /**
     * Refuses a command that moves money (its event is of a {@linkplain EventKind#financial financial}
     * kind, which posts) dated more than the tolerance after the day it is recorded: money takes
     * effect on the bank's value date, which is never in the future.
     */
    private static void checkMoneyNotAhead(Context context, Instant recordedAt) {
        if (!EventKind.of(context.draft().payload()).financial()) {
            return;
        }
        LocalDate today = LocalDate.ofInstant(recordedAt, COURT_ZONE);
        LocalDate latest = today.plusDays(Limits.MONEY_DATE_AFTER_TODAY_DAYS_MAX);
        if (context.date().isAfter(latest)) {
            throw new InvalidInputException(ErrorCode.INVALID_DATE, "effectiveDate", context.date(),
                    "is after today (" + today + " in Beijing, when the command is recorded); a command that moves"
                            + " money takes effect on the bank's value date, which is never in the future (at most "
                            + Limits.MONEY_DATE_AFTER_TODAY_DAYS_MAX + " day ahead is accepted); date it on or before "
                            + latest + ", or send it once the money has moved");
        }
    }

    /** No account may go below zero on the command's date or any later date already in the journal. */
    private static void checkBalancesStayPositive(Context context) {
        Map<String, Money> decreases = new LinkedHashMap<>();
        Map<String, Posting> examples = new LinkedHashMap<>();
        for (Posting posting : context.draft().postings()) {
            String pocket = posting.account() + " " + posting.amount().getCurrencyUnit();
            Money change = Money.ofMinor(posting.amount().getCurrencyUnit(), posting.balanceChangeMinor());
            decreases.merge(pocket, change, Money::plus);
            examples.putIfAbsent(pocket, posting);
        }
        for (Map.Entry<String, Money> entry : decreases.entrySet()) {
            Money change = entry.getValue();
            if (!change.isNegative()) {
                continue;
            }
            AccountId account = examples.get(entry.getKey()).account();
            CurrencyUnit currency = change.getCurrencyUnit();
            Money lowest = context.view().lowestBalanceFrom(account, currency, context.date());
            if (lowest.plus(change).isNegative()) {
                Object value = context.draft().amountFieldValue().orElse(change.negated());
                throw new InsufficientFundsException(context.draft().amountField(), value, account.toString(),
                        change.negated(), lowest,
                        "on " + context.date() + " or a later day in the journal; no account goes below zero");
            }
        }
    }

    private static Event seal(Context context, String digest, Instant recordedAt) {
        String courtCode = context.view().courtCode()
                .orElseGet(() -> ((OpenLedger) context.command().request()).courtCode());
        Command command = context.command();
        Event unsealed = new Event(context.draft().sequence(), Event.idFor(courtCode, command.idempotencyKey()),
                command.idempotencyKey(), digest, command.effectiveDate(), recordedAt, command.actor(),
                command.approvals(), command.metadata(), context.draft().payload(), context.draft().postings(),
                context.draft().lotMovements(), context.view().lastHash(), "");
        return unsealed.sealed();
    }
}
