package org.casefunds.ledger.testing;

import org.casefunds.ledger.staff.StaffMember;
import org.casefunds.ledger.commands.RevokeRole;
import org.casefunds.ledger.commands.RegisterStaff;
import org.casefunds.ledger.commands.GrantRole;
import java.util.Objects;
import java.util.Locale;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.casefunds.ledger.approvals.Approval;
import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.LedgerException;
import org.casefunds.ledger.base.Limits;
import org.casefunds.ledger.calendar.CalendarYear;
import org.casefunds.ledger.calendar.WorkingDayCalendar;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.cases.PartyRole;
import org.casefunds.ledger.commands.AdoptCalendarYear;
import org.casefunds.ledger.commands.AdoptPolicy;
import org.casefunds.ledger.commands.ChargeExecutionFee;
import org.casefunds.ledger.commands.ClaimUnidentified;
import org.casefunds.ledger.commands.ClosePeriod;
import org.casefunds.ledger.commands.Command;
import org.casefunds.ledger.commands.ConfirmPayee;
import org.casefunds.ledger.commands.DepositWithNotary;
import org.casefunds.ledger.commands.Distribute;
import org.casefunds.ledger.commands.GrantDeferral;
import org.casefunds.ledger.commands.HandOverCase;
import org.casefunds.ledger.commands.IssuePayoutNotice;
import org.casefunds.ledger.commands.LiftDeferral;
import org.casefunds.ledger.commands.OpenCase;
import org.casefunds.ledger.commands.OpenLedger;
import org.casefunds.ledger.commands.RecordReceipt;
import org.casefunds.ledger.commands.RefundSurplus;
import org.casefunds.ledger.commands.RefundUnidentified;
import org.casefunds.ledger.commands.RegisterBankAccount;
import org.casefunds.ledger.commands.RenewDeferral;
import org.casefunds.ledger.commands.Request;
import org.casefunds.ledger.commands.ReturnDisbursement;
import org.casefunds.ledger.commands.Reverse;
import org.casefunds.ledger.commands.SettleDisbursement;
import org.casefunds.ledger.commands.SweepFees;
import org.casefunds.ledger.commands.TransferBetweenCases;
import org.casefunds.ledger.money.ProRata;
import org.casefunds.ledger.policy.DeferralReason;
import org.casefunds.ledger.policy.Policy;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * A second, deliberately plain implementation of the ledger's rules, to check the real one against:
 * money as {@code long} minor units in maps keyed by account name, lots as mutable objects, no
 * events, no hashing, no canonical encoding. For every command it predicts whether the ledger applies
 * it or refuses it (and with which {@link ErrorCode}), and it keeps the balances, lots and
 * disbursements the ledger must hold afterwards.
 *
 * <p>It covers the requests the generator produces. It mirrors the order in which the ledger checks
 * a command (idempotency, role, dates, the request, money dated after today, approvals), so that a
 * command with several faults is refused for the same first reason. "Today" is the day of the
 * harness's clock, {@link Fixtures#TODAY}.
 */
public final class ReferenceModel {

    /** What the model expects of a command. */
    public record Outcome(boolean applied, boolean repeated, ErrorCode refusal, String rule) {
        static Outcome ok() {
            return new Outcome(true, false, null, "");
        }

        static Outcome repeat() {
            return new Outcome(false, true, null, "");
        }

        static Outcome refused(ErrorCode code) {
            return refused(code, "");
        }

        static Outcome refused(ErrorCode code, String rule) {
            return new Outcome(false, false, code, rule);
        }

        /** "applied", "repeated", or "refused CODE", with the rule that refused it where the model names one. */
        @Override
        public String toString() {
            return applied ? "applied" : repeated ? "repeated"
                    : "refused " + refusal + (rule.isEmpty() ? "" : " (" + rule + ")");
        }
    }

    /** Thrown inside the model to refuse a command. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final ErrorCode code;
        /** Which of the rules with this code refused, where the outcomes should tell them apart; or "". */
        final String rule;

        Refusal(ErrorCode code) {
            this(code, "");
        }

        Refusal(ErrorCode code, String rule) {
            super(code.name(), null, false, false);
            this.code = code;
            this.rule = rule;
        }
    }

    static final class Bank {
        final CurrencyUnit currency;
        final LocalDate registeredOn;

        Bank(CurrencyUnit currency, LocalDate registeredOn) {
            this.currency = currency;
            this.registeredOn = registeredOn;
        }
    }

    static final class Case {
        String handler;
        Optional<String> division = Optional.empty();
        final String subAccount;
        final Set<String> payees = new HashSet<>();
        final Set<String> debtors = new HashSet<>();
        final LocalDate openedOn;

        Case(String handler, String subAccount, LocalDate openedOn) {
            this.handler = handler;
            this.subAccount = subAccount;
            this.openedOn = openedOn;
        }
    }

    static final class Receipt {
        final String bank;
        final String reference;
        final LocalDate valueDate;
        final boolean unidentified;
        boolean reversed;

        Receipt(String bank, String reference, LocalDate valueDate, boolean unidentified) {
            this.bank = bank;
            this.reference = reference;
            this.valueDate = valueDate;
            this.unidentified = unidentified;
        }
    }

    static final class Lot {
        final long sequence;
        final int index;
        final String account;
        final CurrencyUnit currency;
        final long amount;
        long remaining;
        final LocalDate arrival;
        final LocalDate clockStart;
        LocalDate availableFrom;
        final String receipt;

        Lot(long sequence, int index, String account, CurrencyUnit currency, long amount, LocalDate arrival,
                LocalDate clockStart, LocalDate availableFrom, String receipt) {
            this.sequence = sequence;
            this.index = index;
            this.account = account;
            this.currency = currency;
            this.amount = amount;
            this.remaining = amount;
            this.arrival = arrival;
            this.clockStart = clockStart;
            this.availableFrom = availableFrom;
            this.receipt = receipt;
        }

        String id() {
            return sequence + "." + index;
        }
    }

    /** A change to a lot: +amount restores or creates, -amount consumes or removes. */
    record LotChange(Lot lot, long amount, boolean creates) {
    }

    enum Status { ISSUED, SETTLED, RETURNED, CANCELLED }

    static final class Disbursement {
        final String id;
        final String kind;
        final String source;
        final String transit;
        final String bank;
        final CurrencyUnit currency;
        final long amount;
        final LocalDate issuedOn;
        final List<LotChange> taken;
        Status status = Status.ISSUED;
        LocalDate changedOn;

        Disbursement(String id, String kind, String source, String transit, String bank, CurrencyUnit currency,
                long amount, LocalDate issuedOn, List<LotChange> taken) {
            this.id = id;
            this.kind = kind;
            this.source = source;
            this.transit = transit;
            this.bank = bank;
            this.currency = currency;
            this.amount = amount;
            this.issuedOn = issuedOn;
            this.taken = taken;
            this.changedOn = issuedOn;
        }
    }

    /** One applied command, as the model remembers it for reversals. */
    static final class Applied {
        final long sequence;
        final Command command;
        String kind = "";
        final List<String[]> postings = new ArrayList<>();
        final List<LotChange> lotChanges = new ArrayList<>();
        final List<String> disbursements = new ArrayList<>();
        boolean reversed;

        Applied(long sequence, Command command) {
            this.sequence = sequence;
            this.command = command;
        }
    }

    static final class Deferral {
        final String caseNumber;
        final LocalDate grantedOn;
        LocalDate end;
        boolean lifted;
        LocalDate changedOn;

        Deferral(String caseNumber, LocalDate grantedOn, LocalDate end) {
            this.caseNumber = caseNumber;
            this.grantedOn = grantedOn;
            this.end = end;
            this.changedOn = grantedOn;
        }
    }

    private static final Set<String> REVERSIBLE = Set.of("receipt", "claim", "payout", "surplus", "deposit",
            "refund", "distribution", "settle", "return", "fee", "sweep", "transfer");

    final Map<String, Bank> banks = new LinkedHashMap<>();
    final Map<String, Case> cases = new LinkedHashMap<>();
    final Map<String, String> subAccounts = new HashMap<>();
    final Map<String, Receipt> receipts = new LinkedHashMap<>();
    final Set<String> bankReferences = new HashSet<>();
    final Map<String, Long> balances = new TreeMap<>();
    final Map<String, NavigableMap<LocalDate, Long>> daily = new HashMap<>();
    final List<Lot> lots = new ArrayList<>();
    final Map<String, Disbursement> disbursements = new LinkedHashMap<>();
    final Map<String, Applied> applied = new LinkedHashMap<>();
    final Map<String, Deferral> deferrals = new LinkedHashMap<>();
    LocalDate openedOn;
    LocalDate closedThrough;
    long sequence;

    private Applied current;
    private List<Role> needed = List.of();
    private int lotsCreated;
    private Command command;

    /** Predicts and, when the command is applied, performs it. */
    public Outcome apply(Command next) {
        Applied earlier = applied.get(next.idempotencyKey());
        if (earlier != null) {
            return earlier.command.equals(next) ? Outcome.repeat() : Outcome.refused(ErrorCode.IDEMPOTENCY_CONFLICT);
        }
        Snapshot before = snapshot();
        Map<String, Person> peopleBefore = new HashMap<>(people);
        List<Grant> grantsBefore = new ArrayList<>(grants);
        try {
            command = next;
            current = new Applied(sequence + 1, next);
            lotsCreated = 0;
            checkRole(next);
            checkDates(next);
            divisions = new HashSet<>();
            checkHeld(next);
            needed = List.of();
            current.kind = decide(next.request());
            checkMoneyNotAhead();
            checkCovers(next);
            approvals(needed);
            checkPocketsStayPositive();
            applied.put(next.idempotencyKey(), current);
            sequence++;
            return Outcome.ok();
        } catch (Refusal refusal) {
            restore(before);
            people.clear();
            people.putAll(peopleBefore);
            grants.clear();
            grants.addAll(grantsBefore);
            return Outcome.refused(refusal.code, refusal.rule);
        }
    }

    // ---------------------------------------------------------------- checks shared by all commands

    private static final Map<Class<?>, Set<Role>> MAY = Map.ofEntries(
            Map.entry(OpenLedger.class, EnumSet.of(Role.STAFF_ADMINISTRATOR)),
            Map.entry(RegisterStaff.class, EnumSet.of(Role.STAFF_ADMINISTRATOR)),
            Map.entry(GrantRole.class, EnumSet.of(Role.STAFF_ADMINISTRATOR)),
            Map.entry(RevokeRole.class, EnumSet.of(Role.STAFF_ADMINISTRATOR)),
            Map.entry(RegisterBankAccount.class, EnumSet.of(Role.FINANCE)),
            Map.entry(OpenCase.class, EnumSet.of(Role.HANDLER, Role.DIVISION_HEAD, Role.BUREAU_DIRECTOR)),
            Map.entry(HandOverCase.class, EnumSet.of(Role.HANDLER, Role.DIVISION_HEAD, Role.BUREAU_DIRECTOR)),
            Map.entry(ConfirmPayee.class, EnumSet.of(Role.HANDLER)),
            Map.entry(RecordReceipt.class, EnumSet.of(Role.FUND_ADMINISTRATOR, Role.FINANCE)),
            Map.entry(ClaimUnidentified.class, EnumSet.of(Role.FUND_ADMINISTRATOR)),
            Map.entry(RefundUnidentified.class, EnumSet.of(Role.FUND_ADMINISTRATOR)),
            Map.entry(IssuePayoutNotice.class, EnumSet.of(Role.HANDLER)),
            Map.entry(RefundSurplus.class, EnumSet.of(Role.HANDLER)),
            Map.entry(DepositWithNotary.class, EnumSet.of(Role.HANDLER)),
            Map.entry(Distribute.class, EnumSet.of(Role.HANDLER)),
            Map.entry(SettleDisbursement.class, EnumSet.of(Role.FINANCE)),
            Map.entry(ReturnDisbursement.class, EnumSet.of(Role.FINANCE)),
            Map.entry(ChargeExecutionFee.class, EnumSet.of(Role.HANDLER)),
            Map.entry(SweepFees.class, EnumSet.of(Role.FINANCE)),
            Map.entry(TransferBetweenCases.class, EnumSet.of(Role.HANDLER)),
            Map.entry(Reverse.class, EnumSet.of(Role.HANDLER, Role.FUND_ADMINISTRATOR, Role.FINANCE)),
            Map.entry(ClosePeriod.class, EnumSet.of(Role.FINANCE)),
            Map.entry(GrantDeferral.class, EnumSet.of(Role.HANDLER)),
            Map.entry(LiftDeferral.class, EnumSet.of(Role.HANDLER)),
            Map.entry(RenewDeferral.class, EnumSet.of(Role.HANDLER)),
            Map.entry(AdoptCalendarYear.class, EnumSet.of(Role.FINANCE)),
            Map.entry(AdoptPolicy.class, EnumSet.of(Role.FINANCE)));

    private static void checkRole(Command command) {
        Set<Role> may = MAY.get(command.request().getClass());
        if (may == null) {
            throw new AssertionError("the model does not know " + command.request().getClass());
        }
        if (command.actor().roles().stream().noneMatch(may::contains)) {
            throw new Refusal(ErrorCode.ROLE_NOT_PERMITTED);
        }
    }

    private void checkDates(Command command) {
        if (openedOn == null && !(command.request() instanceof OpenLedger)) {
            throw new Refusal(ErrorCode.INVALID_STATE);
        }
        if (openedOn != null && command.effectiveDate().isBefore(openedOn)) {
            throw new Refusal(ErrorCode.OUT_OF_ORDER);
        }
        if (closedThrough != null && !command.effectiveDate().isAfter(closedThrough)) {
            throw new Refusal(ErrorCode.PERIOD_CLOSED);
        }
    }

    /** Money takes effect on a bank value date, never after the day it is recorded (with a day's tolerance). */
    private void checkMoneyNotAhead() {
        if (!current.postings.isEmpty()
                && date().isAfter(Fixtures.TODAY.plusDays(Limits.MONEY_DATE_AFTER_TODAY_DAYS_MAX))) {
            throw new Refusal(ErrorCode.INVALID_DATE);
        }
    }

    private void notBefore(LocalDate earliest) {
        if (date().isBefore(earliest)) {
            throw new Refusal(ErrorCode.OUT_OF_ORDER);
        }
    }

    private LocalDate date() {
        return command.effectiveDate();
    }

    /** The approvals rule: one distinct approver per role, never the requester. */
    private void approvals(List<Role> needed) {
        Set<String> seen = new HashSet<>();
        for (Approval approval : command.approvals()) {
            if (norm(approval.approverId()).equals(norm(command.actor().id()))) {
                throw new Refusal(ErrorCode.SELF_APPROVAL);
            }
            if (!seen.add(norm(approval.approverId()))) {
                throw new Refusal(ErrorCode.INVALID_VALUE);
            }
            if (!approval.role().approves() && !needed.contains(approval.role())) {
                throw new Refusal(ErrorCode.ROLE_NOT_PERMITTED);
            }
        }
        List<Role> pool = new ArrayList<>();
        command.approvals().forEach(approval -> pool.add(approval.role()));
        pool.sort(Comparator.comparing(Role::ordinal));
        List<Role> sorted = new ArrayList<>(needed);
        sorted.sort(Comparator.comparing(Role::ordinal).reversed());
        for (Role role : sorted) {
            Optional<Role> match = pool.stream().filter(have -> role == Role.STAFF_ADMINISTRATOR
                    ? have == role : have.approves() && have.ordinal() >= role.ordinal()).findFirst();
            if (match.isEmpty()) {
                throw new Refusal(ErrorCode.APPROVAL_MISSING);
            }
            pool.remove(match.get());
        }
    }

    private static List<Role> tier(Money amount) {
        if (amount.getCurrencyUnit().getCode().equals("CNY") && amount.getAmountMinorLong() < 10_000_000L) {
            return List.of(Role.DIVISION_HEAD);
        }
        return List.of(Role.BUREAU_DIRECTOR, Role.COURT_LEADER);
    }

    // ---------------------------------------------------------------- the staff register

    /** A registered person: their staff number and the day they entered the register. */
    record Person(String staffNumber, LocalDate since) {
    }

    /** A grant; {@code division}, {@code until} and {@code revokedFrom} are null when absent. */
    record Grant(String person, Role role, String division, LocalDate from, LocalDate until, LocalDate revokedFrom) {
        boolean heldOn(LocalDate day) {
            return !day.isBefore(from) && (until == null || !day.isAfter(until))
                    && (revokedFrom == null || day.isBefore(revokedFrom));
        }

        boolean heldOnOrAfter(LocalDate day) {
            LocalDate last = until == null ? LocalDate.MAX : until;
            if (revokedFrom != null && revokedFrom.minusDays(1).isBefore(last)) {
                last = revokedFrom.minusDays(1);
            }
            return !last.isBefore(day) && !last.isBefore(from);
        }
    }

    final Map<String, Person> people = new HashMap<>();
    final List<Grant> grants = new ArrayList<>();
    private Set<Optional<String>> divisions = new HashSet<>();

    /** Ids compare in lower case without surrounding spaces (the generator's ids are ASCII). */
    static String norm(String id) {
        return id.strip().toLowerCase(Locale.ROOT);
    }

    private List<Grant> held(String person, Role role) {
        return grants.stream().filter(grant -> grant.person.equals(norm(person)) && grant.role == role
                && grant.heldOn(date())).toList();
    }

    private void requireHolds(String person, Role role) {
        if (!people.containsKey(norm(person)) || held(person, role).isEmpty()) {
            throw new Refusal(ErrorCode.ROLE_NOT_HELD);
        }
    }

    private void checkHeld(Command next) {
        if (next.request() instanceof OpenLedger) {
            return;
        }
        for (Role role : next.actor().roles()) {
            requireHolds(next.actor().id(), role);
        }
        for (Approval approval : next.approvals()) {
            requireHolds(approval.approverId(), approval.role());
        }
    }

    private void checkCovers(Command next) {
        if (next.request() instanceof OpenLedger) {
            return;
        }
        for (Role role : next.actor().roles()) {
            requireCovers(next.actor().id(), role);
        }
        for (Approval approval : next.approvals()) {
            requireCovers(approval.approverId(), approval.role());
        }
    }

    private void requireCovers(String person, Role role) {
        for (Grant grant : held(person, role)) {
            if (grant.division == null || !divisions.isEmpty()
                    && divisions.stream().allMatch(division -> division.equals(Optional.of(grant.division)))) {
                return;
            }
        }
        throw new Refusal(ErrorCode.ROLE_NOT_HELD);
    }

    private String staff(Request request) {
        if (request instanceof RegisterStaff) {
            StaffMember member = ((RegisterStaff) request).member();
            if (people.containsKey(norm(member.personId()))
                    || people.values().stream().anyMatch(person -> person.staffNumber.equals(member.staffNumber()))) {
                throw new Refusal(ErrorCode.ALREADY_EXISTS);
            }
            needed = List.of(Role.STAFF_ADMINISTRATOR);
            people.put(norm(member.personId()), new Person(member.staffNumber(), date()));
            return "staff";
        }
        if (request instanceof GrantRole) {
            GrantRole grant = (GrantRole) request;
            Person person = people.get(norm(grant.personId()));
            if (person == null) {
                throw new Refusal(ErrorCode.UNKNOWN_PERSON);
            }
            if (grant.from().isBefore(person.since)) {
                throw new Refusal(ErrorCode.OUT_OF_ORDER);
            }
            if (grant.from().isBefore(date())) {
                throw new Refusal(ErrorCode.INVALID_DATE);
            }
            needed = List.of(Role.STAFF_ADMINISTRATOR);
            grants.add(new Grant(norm(grant.personId()), grant.role(), grant.division().orElse(null), grant.from(),
                    grant.until().orElse(null), null));
            return "grant";
        }
        RevokeRole revoke = (RevokeRole) request;
        if (!people.containsKey(norm(revoke.personId()))) {
            throw new Refusal(ErrorCode.UNKNOWN_PERSON);
        }
        boolean any = false;
        for (int i = 0; i < grants.size(); i++) {
            Grant grant = grants.get(i);
            if (grant.person.equals(norm(revoke.personId())) && grant.role == revoke.role()
                    && Objects.equals(grant.division, revoke.division().orElse(null)) && grant.heldOnOrAfter(date())) {
                grants.set(i, new Grant(grant.person, grant.role, grant.division, grant.from, grant.until, date()));
                any = true;
            }
        }
        if (!any) {
            throw new Refusal(ErrorCode.INVALID_STATE);
        }
        if (revoke.role() == Role.STAFF_ADMINISTRATOR && norm(revoke.personId()).equals(norm(command.actor().id()))) {
            throw new Refusal(ErrorCode.INVALID_VALUE);
        }
        needed = List.of(Role.STAFF_ADMINISTRATOR);
        return "revoke";
    }

    // ---------------------------------------------------------------- money and lots

    private static String pocket(String account, CurrencyUnit currency) {
        return account + " " + currency.getCode();
    }

    long balance(String account, CurrencyUnit currency) {
        return balances.getOrDefault(pocket(account, currency), 0L);
    }

    /** Moves money; for the bank, debit raises the balance, for every other account credit does. */
    private void move(String debited, String credited, CurrencyUnit currency, long amount) {
        change(debited, currency, debited.startsWith("bank:") ? amount : -amount);
        change(credited, currency, credited.startsWith("bank:") ? -amount : amount);
        current.postings.add(new String[] {debited, credited, currency.getCode(), Long.toString(amount)});
    }

    private void change(String account, CurrencyUnit currency, long delta) {
        balances.merge(pocket(account, currency), delta, Long::sum);
        daily.computeIfAbsent(pocket(account, currency), key -> new TreeMap<>()).merge(date(), delta, Long::sum);
    }

    private void checkPocketsStayPositive() {
        // Done on the state after the command: the lowest end-of-day balance from its date on.
        for (Map.Entry<String, NavigableMap<LocalDate, Long>> entry : daily.entrySet()) {
            long running = entry.getValue().headMap(date(), false).values().stream().mapToLong(Long::longValue)
                    .sum();
            for (long delta : entry.getValue().tailMap(date(), true).values()) {
                running += delta;
                if (running < 0) {
                    throw new Refusal(ErrorCode.INSUFFICIENT_FUNDS);
                }
            }
        }
    }

    private Lot createLot(String account, CurrencyUnit currency, long amount, LocalDate arrival,
            LocalDate clockStart, String receipt) {
        Lot lot = new Lot(sequence + 1, ++lotsCreated, account, currency, amount, arrival, clockStart, date(),
                receipt);
        lots.add(lot);
        current.lotChanges.add(new LotChange(lot, amount, true));
        return lot;
    }

    private List<Lot> openLots(String account, CurrencyUnit currency) {
        List<Lot> open = new ArrayList<>();
        for (Lot lot : lots) {
            if (lot.account.equals(account) && lot.currency.equals(currency) && lot.remaining > 0) {
                open.add(lot);
            }
        }
        open.sort(Comparator.comparing((Lot lot) -> lot.clockStart).thenComparing(lot -> lot.sequence)
                .thenComparing(lot -> lot.index));
        return open;
    }

    /** Takes {@code amount} from {@code open} in order, using lots there on the command's date. */
    private List<LotChange> take(List<Lot> open, long amount) {
        long available = open.stream().filter(lot -> !lot.availableFrom.isAfter(date()))
                .mapToLong(lot -> lot.remaining).sum();
        if (amount > available) {
            throw new Refusal(ErrorCode.INSUFFICIENT_FUNDS);
        }
        List<LotChange> taken = new ArrayList<>();
        long needed = amount;
        for (Lot lot : open) {
            if (needed == 0) {
                break;
            }
            if (lot.availableFrom.isAfter(date())) {
                continue;
            }
            long part = Math.min(needed, lot.remaining);
            lot.remaining -= part;
            needed -= part;
            LotChange change = new LotChange(lot, -part, false);
            taken.add(change);
            current.lotChanges.add(change);
        }
        return taken;
    }

    // ---------------------------------------------------------------- requests

    private String decide(Request request) {
        if (request instanceof OpenLedger) {
            if (openedOn != null) {
                throw new Refusal(ErrorCode.ALREADY_EXISTS);
            }
            OpenLedger open = (OpenLedger) request;
            if (open.administrators().stream().noneMatch(member -> norm(member.personId())
                    .equals(norm(command.actor().id())))) {
                throw new Refusal(ErrorCode.ROLE_NOT_HELD);
            }
            openedOn = date();
            for (StaffMember member : open.administrators()) {
                people.put(norm(member.personId()), new Person(member.staffNumber(), date()));
                grants.add(new Grant(norm(member.personId()), Role.STAFF_ADMINISTRATOR, null, date(), null, null));
            }
            return "opened";
        } else if (request instanceof RegisterStaff || request instanceof GrantRole
                || request instanceof RevokeRole) {
            return staff(request);
        } else if (request instanceof RegisterBankAccount) {
            RegisterBankAccount register = (RegisterBankAccount) request;
            if (banks.containsKey(register.accountNumber())) {
                throw new Refusal(ErrorCode.ALREADY_EXISTS);
            }
            banks.put(register.accountNumber(), new Bank(register.currency(), date()));
            return "bank";
        } else if (request instanceof OpenCase) {
            return openCase((OpenCase) request);
        } else if (request instanceof HandOverCase) {
            HandOverCase handOver = (HandOverCase) request;
            Case record = requireCase(handOver.caseNumber());
            if (!command.actor().has(Role.DIVISION_HEAD) && !command.actor().has(Role.BUREAU_DIRECTOR)) {
                requireHandler(record);
            }
            if (norm(record.handler).equals(norm(handOver.toHandler()))) {
                throw new Refusal(ErrorCode.INVALID_VALUE);
            }
            requireHolds(handOver.toHandler(), Role.HANDLER);
            needed = List.of(Role.DIVISION_HEAD);
            record.handler = handOver.toHandler();
            return "handover";
        } else if (request instanceof ConfirmPayee) {
            ConfirmPayee confirm = (ConfirmPayee) request;
            Case record = requireCase(confirm.caseNumber());
            requireHandler(record);
            if (!record.payees.add(confirm.payee().holder() + "|" + confirm.payee().accountNumber())) {
                throw new Refusal(ErrorCode.ALREADY_EXISTS);
            }
            needed = List.of(Role.DIVISION_HEAD);
            return "payee";
        } else if (request instanceof RecordReceipt) {
            return receipt((RecordReceipt) request);
        } else if (request instanceof ClaimUnidentified) {
            return claim((ClaimUnidentified) request);
        } else if (request instanceof RefundUnidentified) {
            return refundUnidentified((RefundUnidentified) request);
        }
        return decideMore(request);
    }

    private String decideMore(Request request) {
        if (request instanceof IssuePayoutNotice) {
            IssuePayoutNotice payout = (IssuePayoutNotice) request;
            Case record = requireCase(payout.caseNumber());
            requireHandler(record);
            if (!record.payees.contains(payout.payee().holder() + "|" + payout.payee().accountNumber())) {
                throw new Refusal(ErrorCode.INVALID_STATE);
            }
            issueFromCase(payout.caseNumber(), payout.amount(), "payout", "payouts-in-transit", key());
            return "payout";
        } else if (request instanceof RefundSurplus) {
            RefundSurplus refund = (RefundSurplus) request;
            Case record = requireCase(refund.caseNumber());
            requireHandler(record);
            if (!record.debtors.contains(refund.payee().holder())) {
                throw new Refusal(ErrorCode.INVALID_VALUE);
            }
            issueFromCase(refund.caseNumber(), refund.amount(), "surplus", "refunds-in-transit", key());
            return "surplus";
        } else if (request instanceof DepositWithNotary) {
            DepositWithNotary deposit = (DepositWithNotary) request;
            requireHandler(requireCase(deposit.caseNumber()));
            issueFromCase(deposit.caseNumber(), deposit.amount(), "deposit", "deposits-in-transit", key());
            return "deposit";
        } else if (request instanceof Distribute) {
            return distribute((Distribute) request);
        } else if (request instanceof SettleDisbursement) {
            return settle((SettleDisbursement) request);
        } else if (request instanceof ReturnDisbursement) {
            return recordReturn((ReturnDisbursement) request);
        } else if (request instanceof ChargeExecutionFee) {
            return chargeFee((ChargeExecutionFee) request);
        } else if (request instanceof SweepFees) {
            return sweep((SweepFees) request);
        } else if (request instanceof TransferBetweenCases) {
            return transfer((TransferBetweenCases) request);
        } else if (request instanceof Reverse) {
            return reverse((Reverse) request);
        } else if (request instanceof ClosePeriod) {
            ClosePeriod close = (ClosePeriod) request;
            if (closedThrough != null && !close.closedThrough().isAfter(closedThrough)) {
                throw new Refusal(ErrorCode.PERIOD_CLOSED);
            }
            if (close.closedThrough().isAfter(date())) {
                throw new Refusal(ErrorCode.INVALID_DATE);
            }
            closedThrough = close.closedThrough();
            return "close";
        } else if (request instanceof AdoptCalendarYear) {
            return adoptYear((AdoptCalendarYear) request);
        } else if (request instanceof AdoptPolicy) {
            return adoptPolicy((AdoptPolicy) request);
        } else if (request instanceof GrantDeferral) {
            return grant((GrantDeferral) request);
        } else if (request instanceof LiftDeferral) {
            return lift((LiftDeferral) request);
        } else if (request instanceof RenewDeferral) {
            return renew((RenewDeferral) request);
        }
        throw new AssertionError("the model does not know " + request.getClass());
    }

    private String key() {
        return command.idempotencyKey();
    }

    private String openCase(OpenCase open) {
        String number = open.caseNumber().toString();
        if (cases.containsKey(number) || subAccounts.containsKey(open.subAccountNumber())) {
            throw new Refusal(ErrorCode.ALREADY_EXISTS);
        }
        boolean senior = command.actor().has(Role.DIVISION_HEAD) || command.actor().has(Role.BUREAU_DIRECTOR);
        if (!senior && !norm(open.handler()).equals(norm(command.actor().id()))) {
            throw new Refusal(ErrorCode.NOT_CASE_HANDLER);
        }
        requireHolds(open.handler(), Role.HANDLER);
        divisions.add(open.division());
        if (!open.payees().isEmpty()) {
            needed = List.of(Role.DIVISION_HEAD);
        }
        Case record = new Case(open.handler(), open.subAccountNumber(), date());
        record.division = open.division();
        open.payees().forEach(payee -> record.payees.add(payee.holder() + "|" + payee.accountNumber()));
        open.parties().stream().filter(party -> party.role() == PartyRole.DEBTOR)
                .forEach(party -> record.debtors.add(party.name()));
        cases.put(number, record);
        subAccounts.put(open.subAccountNumber(), number);
        return "case";
    }

    private Case requireCase(CaseNumber caseNumber) {
        Case record = cases.get(caseNumber.toString());
        if (record == null) {
            throw new Refusal(ErrorCode.UNKNOWN_CASE);
        }
        notBefore(record.openedOn);
        divisions.add(record.division);
        return record;
    }

    private void requireHandler(Case record) {
        if (!norm(record.handler).equals(norm(command.actor().id()))) {
            throw new Refusal(ErrorCode.NOT_CASE_HANDLER);
        }
    }

    private Bank requireBank(String number) {
        Bank bank = banks.get(number);
        if (bank == null) {
            throw new Refusal(ErrorCode.UNKNOWN_BANK_ACCOUNT);
        }
        notBefore(bank.registeredOn);
        return bank;
    }

    private String receipt(RecordReceipt receipt) {
        Bank bank = requireBank(receipt.bankAccount());
        if (!receipt.amount().getCurrencyUnit().equals(bank.currency)) {
            throw new Refusal(ErrorCode.CURRENCY_MISMATCH);
        }
        if (bankReferences.contains(receipt.bankAccount() + "|" + receipt.bankReference())) {
            throw new Refusal(ErrorCode.ALREADY_EXISTS);
        }
        String target = null;
        if (receipt.subAccountNumber().isPresent()) {
            target = openCaseOn(subAccounts.get(receipt.subAccountNumber().get()));
        }
        if (target == null && receipt.caseNumber().isPresent()) {
            target = openCaseOn(receipt.caseNumber().get().toString());
        }
        if (target == null && receipt.memo().isPresent()) {
            List<String> found = new ArrayList<>();
            for (CaseNumber number : CaseNumber.findAll(receipt.memo().get())) {
                if (openCaseOn(number.toString()) != null) {
                    found.add(number.toString());
                }
            }
            target = found.size() == 1 ? found.get(0) : null;
        }
        String account = target != null ? "case:" + target : "unidentified:" + receipt.bankAccount();
        long amount = receipt.amount().getAmountMinorLong();
        move("bank:" + receipt.bankAccount(), account, bank.currency, amount);
        createLot(account, bank.currency, amount, date(), date(), key());
        receipts.put(key(), new Receipt(receipt.bankAccount(), receipt.bankReference(), date(), target == null));
        bankReferences.add(receipt.bankAccount() + "|" + receipt.bankReference());
        return "receipt";
    }

    private String openCaseOn(String caseNumber) {
        Case record = caseNumber == null ? null : cases.get(caseNumber);
        return record != null && !record.openedOn.isAfter(date()) ? caseNumber : null;
    }

    private Receipt unidentified(String key) {
        Receipt receipt = receipts.get(key);
        if (receipt == null) {
            throw new Refusal(ErrorCode.UNKNOWN_RECEIPT);
        }
        if (receipt.reversed) {
            throw new Refusal(ErrorCode.ALREADY_REVERSED);
        }
        if (!receipt.unidentified) {
            throw new Refusal(ErrorCode.INVALID_STATE);
        }
        notBefore(receipt.valueDate);
        return receipt;
    }

    private List<Lot> lotsOfReceipt(String key) {
        List<Lot> open = new ArrayList<>();
        for (Lot lot : lots) {
            if (lot.receipt.equals(key) && lot.account.startsWith("unidentified:") && lot.remaining > 0) {
                open.add(lot);
            }
        }
        open.sort(Comparator.comparing((Lot lot) -> lot.clockStart).thenComparing(lot -> lot.sequence)
                .thenComparing(lot -> lot.index));
        return open;
    }

    private String claim(ClaimUnidentified claim) {
        Receipt receipt = unidentified(claim.receipt());
        requireCase(claim.caseNumber());
        CurrencyUnit currency = banks.get(receipt.bank).currency;
        if (!claim.amount().getCurrencyUnit().equals(currency)) {
            throw new Refusal(ErrorCode.CURRENCY_MISMATCH);
        }
        String target = "case:" + claim.caseNumber();
        for (LotChange piece : take(lotsOfReceipt(claim.receipt()), claim.amount().getAmountMinorLong())) {
            createLot(target, currency, -piece.amount(), piece.lot().arrival, piece.lot().arrival,
                    piece.lot().receipt);
        }
        move("unidentified:" + receipt.bank, target, currency, claim.amount().getAmountMinorLong());
        return "claim";
    }

    private String refundUnidentified(RefundUnidentified refund) {
        Receipt receipt = unidentified(refund.receipt());
        CurrencyUnit currency = banks.get(receipt.bank).currency;
        if (!refund.amount().getCurrencyUnit().equals(currency)) {
            throw new Refusal(ErrorCode.CURRENCY_MISMATCH);
        }
        long amount = refund.amount().getAmountMinorLong();
        requireNewDisbursement(key());
        List<LotChange> taken = take(lotsOfReceipt(refund.receipt()), amount);
        requireBank(receipt.bank);
        requireBankAvailable(receipt.bank, currency, amount);
        move("unidentified:" + receipt.bank, "refunds-in-transit", currency, amount);
        needed = tier(refund.amount());
        issued(new Disbursement(key(), "refund", "unidentified:" + receipt.bank, "refunds-in-transit",
                receipt.bank, currency, amount, date(), taken));
        return "refund";
    }

    private void issued(Disbursement disbursement) {
        disbursements.put(disbursement.id, disbursement);
        current.disbursements.add(disbursement.id);
    }

    private long pendingOf(String account, CurrencyUnit currency) {
        long pending = 0;
        for (Disbursement disbursement : disbursements.values()) {
            if (disbursement.status == Status.ISSUED && disbursement.currency.equals(currency)
                    && (disbursement.source.equals(account) || ("bank:" + disbursement.bank).equals(account))) {
                pending += disbursement.amount;
            }
        }
        return pending;
    }

    private void requireBankAvailable(String bank, CurrencyUnit currency, long amount) {
        if (amount > balance("bank:" + bank, currency) - pendingOf("bank:" + bank, currency)) {
            throw new Refusal(ErrorCode.INSUFFICIENT_FUNDS);
        }
    }

    private String payingBank(Optional<String> named, CurrencyUnit currency, long amount) {
        String number;
        if (named.isPresent()) {
            number = named.get();
            requireBank(number);
        } else {
            List<String> candidates = new ArrayList<>();
            banks.forEach((each, bank) -> {
                if (bank.currency.equals(currency)) {
                    candidates.add(each);
                }
            });
            if (candidates.size() != 1) {
                throw new Refusal(ErrorCode.MISSING_VALUE);
            }
            number = candidates.get(0);
            requireBank(number);
        }
        if (!banks.get(number).currency.equals(currency)) {
            throw new Refusal(ErrorCode.CURRENCY_MISMATCH);
        }
        requireBankAvailable(number, currency, amount);
        return number;
    }

    private void issueFromCase(CaseNumber caseNumber, Money amount, String kind, String transit, String id) {
        requireNewDisbursement(id);
        String source = "case:" + caseNumber;
        CurrencyUnit currency = amount.getCurrencyUnit();
        List<LotChange> taken = take(openLots(source, currency), amount.getAmountMinorLong());
        String bank = payingBank(Optional.empty(), currency, amount.getAmountMinorLong());
        move(source, transit, currency, amount.getAmountMinorLong());
        needed = tier(amount);
        issued(new Disbursement(id, kind, source, transit, bank, currency, amount.getAmountMinorLong(), date(),
                taken));
    }

    private String distribute(Distribute distribute) {
        Case record = requireCase(distribute.caseNumber());
        requireHandler(record);
        List<ProRata.Claim> claims = new ArrayList<>();
        distribute.creditors().forEach(creditor -> claims.add(
                new ProRata.Claim(creditor.name(), creditor.claimed(), creditor.rank())));
        List<ProRata.Share> shares;
        try {
            shares = ProRata.allocate(distribute.total(), claims);
        } catch (LedgerException refused) {
            throw new Refusal(refused.code());
        }
        long claimed = claims.stream().mapToLong(claim -> claim.claimed().getAmountMinorLong()).sum();
        if (distribute.total().getAmountMinorLong() > claimed) {
            throw new Refusal(ErrorCode.INVALID_AMOUNT);
        }
        for (int i = 0; i < shares.size(); i++) {
            if (shares.get(i).allocated().isPositive()) {
                requireNewDisbursement(key() + "#" + (i + 1));
            }
        }
        String source = "case:" + distribute.caseNumber();
        CurrencyUnit currency = distribute.total().getCurrencyUnit();
        List<LotChange> taken = take(openLots(source, currency), distribute.total().getAmountMinorLong());
        String bank = payingBank(distribute.bankAccount(), currency, distribute.total().getAmountMinorLong());
        // Split the taken pieces among the shares, in order.
        int next = 0;
        long left = taken.isEmpty() ? 0 : -taken.get(0).amount();
        for (int i = 0; i < shares.size(); i++) {
            long needed = shares.get(i).allocated().getAmountMinorLong();
            List<LotChange> ofShare = new ArrayList<>();
            while (needed > 0) {
                long part = Math.min(left, needed);
                ofShare.add(new LotChange(taken.get(next).lot(), -part, false));
                needed -= part;
                left -= part;
                if (left == 0 && next + 1 < taken.size()) {
                    next++;
                    left = -taken.get(next).amount();
                }
            }
            if (shares.get(i).allocated().isPositive()) {
                issued(new Disbursement(key() + "#" + (i + 1), "share", source, "payouts-in-transit", bank, currency,
                        shares.get(i).allocated().getAmountMinorLong(), date(), ofShare));
            }
        }
        move(source, "payouts-in-transit", currency, distribute.total().getAmountMinorLong());
        needed = tier(distribute.total());
        return "distribution";
    }

    private Disbursement inTransit(String id) {
        Disbursement disbursement = disbursements.get(id);
        if (disbursement == null) {
            throw new Refusal(ErrorCode.UNKNOWN_DISBURSEMENT);
        }
        if (disbursement.status != Status.ISSUED) {
            throw new Refusal(ErrorCode.ALREADY_FINISHED);
        }
        notBefore(disbursement.changedOn);
        return disbursement;
    }

    private long lowestFrom(String account, CurrencyUnit currency) {
        NavigableMap<LocalDate, Long> changes = daily.getOrDefault(pocket(account, currency), new TreeMap<>());
        long running = changes.headMap(date(), true).values().stream().mapToLong(Long::longValue).sum();
        long lowest = running;
        for (long delta : changes.tailMap(date(), false).values()) {
            running += delta;
            lowest = Math.min(lowest, running);
        }
        return lowest;
    }

    private String settle(SettleDisbursement settle) {
        Disbursement disbursement = inTransit(settle.disbursement());
        // Separation of duties: not the requester, an approver or the case's handler.
        String issueKey = disbursement.id.contains("#") ? disbursement.id.substring(0, disbursement.id.indexOf('#'))
                : disbursement.id;
        Set<String> involved = new HashSet<>();
        Applied issue = applied.get(issueKey);
        if (issue != null) {
            involved.add(norm(issue.command.actor().id()));
            issue.command.approvals().forEach(approval -> involved.add(norm(approval.approverId())));
        }
        if (disbursement.source.startsWith("case:")) {
            Case record = cases.get(disbursement.source.substring("case:".length()));
            if (record != null) {
                involved.add(norm(record.handler));
            }
        }
        if (involved.contains(norm(command.actor().id()))) {
            throw new Refusal(ErrorCode.DUTIES_NOT_SEPARATED);
        }
        if (disbursement.amount > lowestFrom("bank:" + disbursement.bank, disbursement.currency)) {
            throw new Refusal(ErrorCode.INSUFFICIENT_FUNDS);
        }
        move(disbursement.transit, "bank:" + disbursement.bank, disbursement.currency, disbursement.amount);
        disbursement.status = Status.SETTLED;
        disbursement.changedOn = date();
        current.disbursements.add(disbursement.id);
        return "settle";
    }

    private String recordReturn(ReturnDisbursement recordReturn) {
        Disbursement disbursement = inTransit(recordReturn.disbursement());
        for (LotChange piece : disbursement.taken) {
            createLot(piece.lot().account, disbursement.currency, -piece.amount(), piece.lot().arrival, date(),
                    piece.lot().receipt);
        }
        move(disbursement.transit, disbursement.source, disbursement.currency, disbursement.amount);
        disbursement.status = Status.RETURNED;
        disbursement.changedOn = date();
        current.disbursements.add(disbursement.id);
        return "return";
    }

    private String chargeFee(ChargeExecutionFee charge) {
        Case record = requireCase(charge.caseNumber());
        requireHandler(record);
        if (!charge.enforcedAmount().getCurrencyUnit().getCode().equals("CNY")) {
            throw new Refusal(ErrorCode.CURRENCY_MISMATCH);
        }
        long fee = StatutoryFee.of(charge.enforcedAmount().getAmountMinorLong());
        CurrencyUnit cny = charge.enforcedAmount().getCurrencyUnit();
        take(openLots("case:" + charge.caseNumber(), cny), fee);
        move("case:" + charge.caseNumber(), "court-fees", cny, fee);
        return "fee";
    }

    private String sweep(SweepFees sweep) {
        Bank bank = requireBank(sweep.bankAccount());
        if (!sweep.amount().getCurrencyUnit().equals(bank.currency)) {
            throw new Refusal(ErrorCode.CURRENCY_MISMATCH);
        }
        long amount = sweep.amount().getAmountMinorLong();
        if (amount > lowestFrom("court-fees", bank.currency)) {
            throw new Refusal(ErrorCode.INSUFFICIENT_FUNDS);
        }
        requireBankAvailable(sweep.bankAccount(), bank.currency, amount);
        move("court-fees", "bank:" + sweep.bankAccount(), bank.currency, amount);
        return "sweep";
    }

    private String transfer(TransferBetweenCases transfer) {
        Case from = requireCase(transfer.fromCase());
        requireCase(transfer.toCase());
        requireHandler(from);
        CurrencyUnit currency = transfer.amount().getCurrencyUnit();
        String target = "case:" + transfer.toCase();
        for (LotChange piece : take(openLots("case:" + transfer.fromCase(), currency),
                transfer.amount().getAmountMinorLong())) {
            createLot(target, currency, -piece.amount(), piece.lot().arrival, piece.lot().clockStart,
                    piece.lot().receipt);
        }
        move("case:" + transfer.fromCase(), target, currency, transfer.amount().getAmountMinorLong());
        needed = tier(transfer.amount());
        return "transfer";
    }

    private String reverse(Reverse reverse) {
        Applied target = applied.get(reverse.event());
        if (target == null) {
            throw new Refusal(ErrorCode.UNKNOWN_EVENT);
        }
        if (target.reversed) {
            throw new Refusal(ErrorCode.ALREADY_REVERSED);
        }
        if (!REVERSIBLE.contains(target.kind)) {
            throw new Refusal(ErrorCode.NOT_REVERSIBLE);
        }
        notBefore(target.command.effectiveDate());
        if (Set.of("payout", "surplus", "deposit", "refund", "distribution").contains(target.kind)) {
            for (String id : target.disbursements) {
                if (disbursements.get(id).status != Status.ISSUED) {
                    throw new Refusal(ErrorCode.NOT_REVERSIBLE);
                }
                notBefore(disbursements.get(id).changedOn);
            }
        }
        if (target.kind.equals("fee")) {
            long fee = Long.parseLong(target.postings.get(0)[3]);
            if (fee > lowestFrom("court-fees", CurrencyUnit.of(target.postings.get(0)[2]))) {
                throw new Refusal(ErrorCode.NOT_REVERSIBLE);
            }
        }
        for (String[] posting : target.postings) {
            CurrencyUnit currency = CurrencyUnit.of(posting[2]);
            move(posting[1], posting[0], currency, Long.parseLong(posting[3]));
        }
        List<LotChange> changes = new ArrayList<>(target.lotChanges);
        Collections.reverse(changes);
        for (LotChange change : changes) {
            Lot lot = change.lot();
            if (change.creates()) {
                if (lot.remaining != lot.amount) {
                    throw new Refusal(ErrorCode.NOT_REVERSIBLE);
                }
                if (date().isBefore(lot.availableFrom)) {
                    throw new Refusal(ErrorCode.OUT_OF_ORDER, "lot refilled later");
                }
                lot.remaining = 0;
            } else {
                lot.remaining -= change.amount();
                if (date().isAfter(lot.availableFrom)) {
                    lot.availableFrom = date();
                }
            }
        }
        reverseDisbursements(target);
        if (target.kind.equals("receipt")) {
            Receipt receipt = receipts.get(target.command.idempotencyKey());
            receipt.reversed = true;
            bankReferences.remove(receipt.bank + "|" + receipt.reference);
        }
        needed = List.of(Role.BUREAU_DIRECTOR);
        target.reversed = true;
        return "reversal";
    }

    private void reverseDisbursements(Applied target) {
        for (String id : target.disbursements) {
            Disbursement disbursement = disbursements.get(id);
            if (target.kind.equals("settle") || target.kind.equals("return")) {
                disbursement.status = Status.ISSUED;
            } else {
                disbursement.status = Status.CANCELLED;
            }
            disbursement.changedOn = date();
        }
    }

    private void requireNewDisbursement(String id) {
        if (disbursements.containsKey(id)) {
            throw new Refusal(ErrorCode.ALREADY_EXISTS);
        }
    }

    private String grant(GrantDeferral grant) {
        Case record = requireCase(grant.caseNumber());
        requireHandler(record);
        if (grant.start().isBefore(date())) {
            throw new Refusal(ErrorCode.INVALID_DATE);
        }
        if (grant.end().isAfter(grant.start().plusMonths(deferralMonths()))) {
            throw new Refusal(ErrorCode.INVALID_DATE);
        }
        needed = List.of(Role.BUREAU_DIRECTOR, Role.COURT_LEADER);
        deferrals.put(key(), new Deferral(grant.caseNumber().toString(), date(), grant.end()));
        return "deferral";
    }

    private String renew(RenewDeferral renew) {
        Deferral deferral = holding(renew.deferral());
        requireHandler(requireCase(CaseNumber.parse(deferral.caseNumber)));
        if (!renew.newEnd().isAfter(deferral.end)) {
            throw new Refusal(ErrorCode.INVALID_DATE);
        }
        if (renew.newEnd().isAfter(date().plusMonths(deferralMonths()))) {
            throw new Refusal(ErrorCode.INVALID_DATE);
        }
        needed = List.of(Role.BUREAU_DIRECTOR, Role.COURT_LEADER);
        deferral.end = renew.newEnd();
        deferral.changedOn = date();
        return "renewal";
    }

    private Deferral holding(String id) {
        Deferral deferral = deferrals.get(id);
        if (deferral == null) {
            throw new Refusal(ErrorCode.UNKNOWN_DEFERRAL);
        }
        notBefore(deferral.changedOn);
        if (deferral.lifted || date().isAfter(deferral.end)) {
            throw new Refusal(ErrorCode.INVALID_STATE);
        }
        return deferral;
    }

    private String lift(LiftDeferral lift) {
        Deferral deferral = holding(lift.deferral());
        requireHandler(requireCase(CaseNumber.parse(deferral.caseNumber)));
        deferral.lifted = true;
        deferral.changedOn = date();
        return "lift";
    }

    // ---------------------------------------------------------------- the court's timeline

    /** The years adopted, latest adoption of each; the shipped calendar holds the rest. */
    final Map<Integer, CalendarYear> adoptedYears = new HashMap<>();
    /** The policies adopted, in journal order: their first day and the policy. */
    final List<Map.Entry<LocalDate, Policy>> policies = new ArrayList<>();

    /** The policy in force on the command's date: the latest first day on or before it, the later of equals. */
    private Optional<Policy> policyOn(LocalDate date) {
        Map.Entry<LocalDate, Policy> found = null;
        for (Map.Entry<LocalDate, Policy> each : policies) {
            if (!each.getKey().isAfter(date) && (found == null || !each.getKey().isBefore(found.getKey()))) {
                found = each;
            }
        }
        return Optional.ofNullable(found).map(Map.Entry::getValue);
    }

    /** The longest deferral for a dispute under the policy in force (the default allows 3 months). */
    private int deferralMonths() {
        return policyOn(date()).map(policy -> policy.deferralMaximumMonths(DeferralReason.DISPUTED)).orElse(3);
    }

    private String adoptYear(AdoptCalendarYear adopt) {
        CalendarYear year = adopt.year();
        CalendarYear current = adoptedYears.getOrDefault(year.year(),
                WorkingDayCalendar.china().year(year.year()).orElseThrow());
        if (!current.isProvisional()) {
            if (current.sameDaysAs(year) && current.source().equals(year.source())) {
                throw new Refusal(ErrorCode.ALREADY_EXISTS);
            }
            if (!current.sameDaysAs(year) && adopt.reason().isEmpty()) {
                throw new Refusal(ErrorCode.MISSING_VALUE);
            }
        }
        Optional<LocalDate> changed = current.firstDifferentDay(year);
        if (changed.isPresent() && closedThrough != null && !changed.get().isAfter(closedThrough)) {
            throw new Refusal(ErrorCode.PERIOD_CLOSED);
        }
        needed = List.of(Role.BUREAU_DIRECTOR);
        adoptedYears.put(year.year(), year);
        return "calendar";
    }

    private String adoptPolicy(AdoptPolicy adopt) {
        if (policyOn(date()).filter(adopt.policy()::equals).isPresent()) {
            throw new Refusal(ErrorCode.ALREADY_EXISTS);
        }
        needed = List.of(Role.COURT_LEADER);
        policies.add(Map.entry(date(), adopt.policy()));
        return "policy";
    }

    // ---------------------------------------------------------------- undo for refused commands

    /** Everything a refused command may have changed before it was refused, to put back. */
    private record Snapshot(Map<String, Long> balances, Map<String, NavigableMap<LocalDate, Long>> daily,
            int lotCount, Map<Lot, long[]> lotState, Map<String, Status> statuses, LocalDate openedOn,
            LocalDate closedThrough, Map<String, Bank> banks, Map<String, String> handlers,
            Map<String, Set<String>> payees, Set<String> caseNumbers, Set<String> subAccounts,
            Set<String> receipts, Set<String> reversedReceipts, Set<String> references, Set<String> reversedEvents,
            Set<String> disbursementIds, Set<String> deferralIds, Set<String> liftedDeferrals,
            Map<String, LocalDate> deferralEnds, Map<String, LocalDate> changedOn,
            Map<String, LocalDate> deferralChangedOn, Map<Integer, CalendarYear> adoptedYears, int policyCount) {
    }

    private Snapshot snapshot() {
        Map<String, NavigableMap<LocalDate, Long>> dailyCopy = new HashMap<>();
        daily.forEach((pocket, changes) -> dailyCopy.put(pocket, new TreeMap<>(changes)));
        Map<Lot, long[]> lotState = new HashMap<>();
        lots.forEach(lot -> lotState.put(lot, new long[] {lot.remaining, lot.availableFrom.toEpochDay()}));
        Map<String, Status> statuses = new HashMap<>();
        Map<String, LocalDate> changed = new HashMap<>();
        disbursements.forEach((id, disbursement) -> {
            statuses.put(id, disbursement.status);
            changed.put(id, disbursement.changedOn);
        });
        Map<String, String> handlers = new HashMap<>();
        Map<String, Set<String>> payees = new HashMap<>();
        cases.forEach((number, record) -> {
            handlers.put(number, record.handler);
            payees.put(number, new HashSet<>(record.payees));
        });
        Set<String> reversedReceipts = new HashSet<>();
        receipts.forEach((key, receipt) -> {
            if (receipt.reversed) {
                reversedReceipts.add(key);
            }
        });
        Set<String> reversedEvents = new HashSet<>();
        applied.forEach((key, event) -> {
            if (event.reversed) {
                reversedEvents.add(key);
            }
        });
        Set<String> lifted = new HashSet<>();
        Map<String, LocalDate> ends = new HashMap<>();
        Map<String, LocalDate> deferralChanges = new HashMap<>();
        deferrals.forEach((key, deferral) -> {
            ends.put(key, deferral.end);
            deferralChanges.put(key, deferral.changedOn);
        });
        deferrals.forEach((key, deferral) -> {
            if (deferral.lifted) {
                lifted.add(key);
            }
        });
        return new Snapshot(new TreeMap<>(balances), dailyCopy, lots.size(), lotState, statuses, openedOn,
                closedThrough, new LinkedHashMap<>(banks), handlers, payees, new HashSet<>(cases.keySet()),
                new HashSet<>(subAccounts.keySet()), new HashSet<>(receipts.keySet()), reversedReceipts,
                new HashSet<>(bankReferences), reversedEvents, new HashSet<>(disbursements.keySet()),
                new HashSet<>(deferrals.keySet()), lifted, ends, changed, deferralChanges, new HashMap<>(adoptedYears),
                policies.size());
    }

    private void restore(Snapshot before) {
        balances.clear();
        balances.putAll(before.balances);
        daily.clear();
        daily.putAll(before.daily);
        while (lots.size() > before.lotCount) {
            lots.remove(lots.size() - 1);
        }
        before.lotState.forEach((lot, state) -> {
            lot.remaining = state[0];
            lot.availableFrom = LocalDate.ofEpochDay(state[1]);
        });
        disbursements.keySet().retainAll(before.disbursementIds);
        before.statuses.forEach((id, status) -> disbursements.get(id).status = status);
        before.changedOn.forEach((id, day) -> disbursements.get(id).changedOn = day);
        openedOn = before.openedOn;
        closedThrough = before.closedThrough;
        banks.clear();
        banks.putAll(before.banks);
        cases.keySet().retainAll(before.caseNumbers);
        cases.forEach((number, record) -> {
            record.handler = before.handlers.get(number);
            record.payees.clear();
            record.payees.addAll(before.payees.get(number));
        });
        subAccounts.keySet().retainAll(before.subAccounts);
        receipts.keySet().retainAll(before.receipts);
        receipts.forEach((key, receipt) -> receipt.reversed = before.reversedReceipts.contains(key));
        bankReferences.clear();
        bankReferences.addAll(before.references);
        applied.forEach((key, event) -> event.reversed = before.reversedEvents.contains(key));
        adoptedYears.clear();
        adoptedYears.putAll(before.adoptedYears);
        while (policies.size() > before.policyCount) {
            policies.remove(policies.size() - 1);
        }
        deferrals.keySet().retainAll(before.deferralIds);
        deferrals.forEach((key, deferral) -> {
            deferral.lifted = before.liftedDeferrals.contains(key);
            deferral.end = before.deferralEnds.get(key);
            deferral.changedOn = before.deferralChangedOn.get(key);
        });
    }
}
