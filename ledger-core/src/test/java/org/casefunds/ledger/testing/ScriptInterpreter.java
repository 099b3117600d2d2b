package org.casefunds.ledger.testing;

import static org.casefunds.ledger.testing.Fixtures.BY_SECOND_STAFF_ADMIN;
import static org.casefunds.ledger.testing.Fixtures.STAFF_ADMIN;
import org.casefunds.ledger.staff.StaffMember;
import org.casefunds.ledger.commands.RevokeRole;
import org.casefunds.ledger.commands.RegisterStaff;
import org.casefunds.ledger.commands.GrantRole;
import java.util.Locale;
import static org.casefunds.ledger.testing.Fixtures.ADMINISTRATOR;
import static org.casefunds.ledger.testing.Fixtures.AUDITOR;
import static org.casefunds.ledger.testing.Fixtures.BANK;
import static org.casefunds.ledger.testing.Fixtures.BY_DIRECTOR;
import static org.casefunds.ledger.testing.Fixtures.BY_HEAD;
import static org.casefunds.ledger.testing.Fixtures.BY_LEADER;
import static org.casefunds.ledger.testing.Fixtures.CNY;
import static org.casefunds.ledger.testing.Fixtures.FINANCE;
import static org.casefunds.ledger.testing.Fixtures.HANDLER;
import static org.casefunds.ledger.testing.Fixtures.OTHER_HANDLER;
import static org.casefunds.ledger.testing.Fixtures.USD;
import static org.casefunds.ledger.testing.Fixtures.USD_BANK;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.casefunds.ledger.approvals.Actor;
import org.casefunds.ledger.approvals.Approval;
import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.base.Limits;
import org.casefunds.ledger.calendar.CalendarSource;
import org.casefunds.ledger.calendar.CalendarYear;
import org.casefunds.ledger.calendar.WorkingDayCalendar;
import org.casefunds.ledger.cases.CaseNumber;
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
import org.casefunds.ledger.commands.RecordReceipt;
import org.casefunds.ledger.commands.RefundSurplus;
import org.casefunds.ledger.commands.RefundUnidentified;
import org.casefunds.ledger.commands.RenewDeferral;
import org.casefunds.ledger.commands.Request;
import org.casefunds.ledger.commands.ReturnDisbursement;
import org.casefunds.ledger.commands.Reverse;
import org.casefunds.ledger.commands.SettleDisbursement;
import org.casefunds.ledger.commands.SweepFees;
import org.casefunds.ledger.commands.TransferBetweenCases;
import org.casefunds.ledger.events.DepositReason;
import org.casefunds.ledger.events.Payer;
import org.casefunds.ledger.events.ReceiptSource;
import org.casefunds.ledger.money.ProRata;
import org.casefunds.ledger.policy.DeferralReason;
import org.casefunds.ledger.policy.Policy;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * Turns a generated step (eight numbers) into a command, choosing its targets from what the reference
 * model holds so that most commands are meaningful, and putting one fault in some of them (an amount
 * too large, a missing approval, the wrong person, a date in a closed period, money dated after
 * today, an unknown target, a repeated key). Because a step is only numbers, QuickTheories can shrink a failing script by
 * dropping steps and lowering numbers; the interpretation adapts.
 */
public final class ScriptInterpreter {
    /** How many numbers make a step. */
    public static final int STEP_SIZE = 8;

    private final ReferenceModel model;
    private final List<Command> sent = new ArrayList<>();
    private LocalDate today = Fixtures.DAY_ONE;
    private int cases;
    private int keys;

    public ScriptInterpreter(ReferenceModel model) {
        this.model = model;
    }

    /** The commands interpreted so far. */
    public List<Command> sent() {
        return sent;
    }

    /** The latest date the script reached. */
    public LocalDate today() {
        return today;
    }

    /** The command for {@code step}. */
    public Command next(List<Integer> step) {
        int op = step.get(0) % 100;
        today = today.plusDays(step.get(4) % 10 < 6 ? 0 : step.get(4) % 10 < 9 ? 1 : 3);
        Command command;
        if (op >= 86 && op <= 92 && !sent.isEmpty()) {
            command = sent.get(step.get(1) % sent.size());
        } else if (op >= 93 && op <= 95 && !sent.isEmpty()) {
            Command earlier = sent.get(step.get(1) % sent.size());
            Command other = build(step, 0);
            command = new Command(earlier.idempotencyKey(), other.actor(), other.effectiveDate(), other.approvals(),
                    other.metadata(), other.request());
        } else {
            command = build(step, op);
        }
        sent.add(command);
        return command;
    }

    private Command build(List<Integer> step, int op) {
        int target = step.get(1);
        int fault = step.get(3) % 20;
        LocalDate date = step.get(4) % 97 < 8 ? today.minusDays(1 + step.get(4) % 5) : today;
        String key = "k" + (++keys);
        Request request;
        Actor actor;
        List<Approval> approvals = approvals(step.get(5), fault);
        if (op < 18) {
            request = receipt(step, target, fault);
            actor = step.get(5) % 2 == 0 ? ADMINISTRATOR : FINANCE;
        } else if (op < 26 || model.cases.isEmpty()) {
            int n = fault == 1 && cases > 0 ? 1 + target % cases : ++cases;
            actor = handlerFor(step.get(5));
            Command open = Fixtures.openCase(key, actor, n, date,
                    step.get(6) % 3 == 0 ? Optional.of(Fixtures.DIVISION) : Optional.empty());
            request = open.request();
        } else if (op < 34) {
            int n = caseIndex(target);
            request = new IssuePayoutNotice(Fixtures.caseNumber(n), Fixtures.creditorAccount(n),
                    spend(n, step.get(2)), Optional.empty(), Optional.empty());
            actor = caseActor(n, step.get(5));
        } else if (op < 40) {
            request = ClaimUnidentified.of(unidentifiedKey(target), Fixtures.caseNumber(caseIndex(step.get(6))),
                    claimAmount(target, step.get(2)));
            actor = ADMINISTRATOR;
        } else if (op < 43) {
            request = new RefundUnidentified(unidentifiedKey(target), claimAmount(target, step.get(2)),
                    Fixtures.debtorAccount(1), "paid by mistake");
            actor = ADMINISTRATOR;
        } else if (op < 51) {
            request = new SettleDisbursement(disbursementId(target, fault), "OUT" + key);
            // Now and then the handler, who may also hold FINANCE, records the payment of a notice.
            actor = step.get(5) % 3 == 0 ? Actor.of(HANDLER.id(), Role.FINANCE) : FINANCE;
        } else if (op < 54) {
            request = new ReturnDisbursement(disbursementId(target, fault), "account closed");
            actor = FINANCE;
        } else if (op < 58) {
            int n = caseIndex(target);
            request = new ChargeExecutionFee(Fixtures.caseNumber(n), Money.ofMinor(CNY, 100_000 + step.get(2) * 1_000L));
            actor = caseActor(n, step.get(5));
        } else if (op < 61) {
            long fees = model.balance("court-fees", CNY);
            long amount = step.get(2) % 5 == 0 || fees == 0 ? fees + 1 : Math.max(1, fees * (1 + step.get(2) % 3) / 3);
            request = new SweepFees(Money.ofMinor(CNY, amount), BANK, "FEE" + key);
            actor = FINANCE;
        } else if (op < 65) {
            int from = caseIndex(target);
            int to = caseIndex(step.get(6));
            if (to == from) {
                to = from == 1 && cases > 1 ? 2 : 1;
            }
            if (to == from) {
                return build(step, 18);
            }
            request = new TransferBetweenCases(Fixtures.caseNumber(from), Fixtures.caseNumber(to),
                    spend(from, step.get(2)), "money belongs to the other case");
            actor = caseActor(from, step.get(5));
        } else if (op < 68) {
            request = distribution(step, target);
            actor = caseActor(caseIndex(target), step.get(5));
        } else if (op < 71) {
            int n = caseIndex(target);
            request = step.get(6) % 2 == 0
                    ? new DepositWithNotary(Fixtures.caseNumber(n), Fixtures.creditorAccount(n), spend(n, step.get(2)),
                            DepositReason.CREDITOR_UNKNOWN, Optional.empty(), Optional.empty())
                    : new RefundSurplus(Fixtures.caseNumber(n), fault == 2 ? Fixtures.creditorAccount(n)
                            : Fixtures.debtorAccount(n), spend(n, step.get(2)), Optional.empty(), Optional.empty());
            actor = caseActor(n, step.get(5));
        } else if (op < 77) {
            String reversed = reversalTarget(target, fault, step.get(6));
            request = new Reverse(reversed, "entered in error");
            actor = FINANCE;
            // Now and then dated on the reversed event's own day, the earliest the event allows: what
            // happened to its money since (a notice settled and reopened, a lot emptied and refilled by
            // another reversal) may still forbid that day.
            ReferenceModel.Applied earlier = model.applied.get(reversed);
            if (earlier != null && step.get(4) % 97 >= 8 && step.get(4) % 97 < 24) {
                date = earlier.command.effectiveDate();
            }
        } else if (op < 79) {
            request = new ClosePeriod(today.minusDays(1 + target % 3));
            actor = FINANCE;
        } else if (op < 81) {
            int n = caseIndex(target);
            ReferenceModel.Case record = model.cases.get(Fixtures.caseNumber(n).toString());
            String current = record == null ? HANDLER.id() : record.handler;
            request = new HandOverCase(Fixtures.caseNumber(n), current.equals(HANDLER.id()) ? OTHER_HANDLER.id()
                    : HANDLER.id(), "reassigned");
            actor = caseActor(n, step.get(5));
        } else if (op < 83) {
            int n = caseIndex(target);
            request = new ConfirmPayee(Fixtures.caseNumber(n), Fixtures.creditorAccount(caseIndex(step.get(6))));
            actor = caseActor(n, step.get(5));
        } else if (op < 86) {
            return deferral(step, key, date, approvals, target);
        } else if (op >= 98 && step.get(7) % 4 != 0) {
            return staffChange(step, key, date, fault);
        } else if (op >= 96 && op < 98) {
            request = adoption(step, target);
            actor = fault == 9 ? HANDLER : FINANCE;
        } else {
            // A person whose role may not do this: an auditor recording a receipt.
            request = receipt(step, target, fault);
            actor = AUDITOR;
        }
        if (step.get(4) % 97 >= 95 && MONEY.contains(request.getClass())) {
            // Money dated after the day it is recorded: the bank has not moved it yet.
            date = Fixtures.TODAY.plusDays(Limits.MONEY_DATE_AFTER_TODAY_DAYS_MAX + 1L + step.get(2) % 30);
        }
        return new Command(key, actor, date, approvals, Map.of(), request);
    }

    /** The requests that move money: their events post. */
    private static final Set<Class<?>> MONEY = Set.of(RecordReceipt.class, IssuePayoutNotice.class,
            ClaimUnidentified.class, RefundUnidentified.class, SettleDisbursement.class, ReturnDisbursement.class,
            ChargeExecutionFee.class, SweepFees.class, TransferBetweenCases.class, Distribute.class,
            DepositWithNotary.class, RefundSurplus.class, Reverse.class);

    /**
     * A change of the staff register: the second handler's role revoked, granted again (for the
     * whole court or one division, from today or later, open-ended or not), a clerk registered
     * (now and then under a staff number already taken), a role granted to someone unknown or the
     * first handler made finance too (twice as often); with the faults of a register change: no approval, the
     * requester approving under their id in capitals, a finance officer asking.
     */
    private Command staffChange(List<Integer> step, String key, LocalDate date, int fault) {
        Actor actor = fault == 9 ? FINANCE : STAFF_ADMIN;
        List<Approval> approvals = fault == 5 ? List.of()
                : fault == 7 ? List.of(Approval.of(STAFF_ADMIN.id().toUpperCase(Locale.ROOT), Role.STAFF_ADMINISTRATOR))
                : List.of(BY_SECOND_STAFF_ADMIN);
        Optional<String> division = step.get(7) % 3 == 0 ? Optional.of(Fixtures.DIVISION) : Optional.empty();
        int choice = step.get(2);
        Request request;
        switch (step.get(6) % 5) {
            case 0:
                request = new RevokeRole(OTHER_HANDLER.id(), Role.HANDLER, division);
                break;
            case 1:
                request = new GrantRole(OTHER_HANDLER.id(), Role.HANDLER, division, date.plusDays(choice % 3 == 0 ? 2 : 0),
                        choice % 4 == 0 ? Optional.of(date.plusDays(5)) : Optional.empty());
                break;
            case 2:
                request = new RegisterStaff(StaffMember.of("clerk." + key, "书记员" + key,
                        choice % 3 == 0 ? Fixtures.STAFF.get(0).staffNumber() : "N-" + key));
                break;
            case 3:
                request = GrantRole.of(choice % 3 == 0 ? "nobody." + key : HANDLER.id().toUpperCase(Locale.ROOT),
                        Role.FINANCE, choice % 5 == 0 ? date.minusDays(1) : date);
                break;
            default:
                request = new GrantRole(HANDLER.id(), Role.FINANCE, Optional.empty(), date,
                        choice % 2 == 0 ? Optional.of(date.plusDays(10)) : Optional.empty());
                break;
        }
        return new Command(key, actor, date, approvals, Map.of(), request);
    }

    private Command deferral(List<Integer> step, String key, LocalDate date, List<Approval> approvals,
            int target) {
        int n = caseIndex(target);
        Request request;
        if (step.get(6) % 3 != 0 && !model.deferrals.isEmpty()) {
            String id = new ArrayList<>(model.deferrals.keySet()).get(target % model.deferrals.size());
            n = caseIndexOf(model.deferrals.get(id).caseNumber);
            ReferenceModel.Deferral held = model.deferrals.get(id);
            request = step.get(6) % 3 == 1 ? new LiftDeferral(id, "the creditor collected")
                    : new RenewDeferral(id, held.end.plusDays(step.get(7) % 10 == 2 ? 200 : 1 + step.get(7) % 40),
                            "the dispute goes on");
        } else {
            LocalDate start = step.get(7) % 10 == 0 ? date.minusDays(1) : date;
            LocalDate end = start.plusDays(step.get(7) % 10 == 1 ? 100 : 1 + step.get(7) % 60);
            Optional<Money> part = step.get(7) % 5 == 3 ? Optional.of(Money.ofMinor(CNY, 1 + step.get(2) * 37L))
                    : Optional.empty();
            request = new GrantDeferral(Fixtures.caseNumber(n), DeferralReason.DISPUTED, "part of it is disputed",
                    start, end, part);
        }
        return new Command(key, caseActor(n, step.get(5)), date, approvals, Map.of(), request);
    }

    /** The policies a court adopts in the scripts: the presets, and one that allows one-month deferrals. */
    static final List<Policy> POLICIES = List.of(Policy.defaults(), Policy.spc2017(), oneMonthDeferrals());

    private static Policy oneMonthDeferrals() {
        Map<DeferralReason, Integer> months = new EnumMap<>(Policy.defaults().deferralMaximumMonths());
        months.put(DeferralReason.DISPUTED, 1);
        return Policy.defaults().toBuilder().name("one-month deferrals").deferralMaximumMonths(months).build();
    }

    /**
     * A calendar year or a policy to adopt: the official 2027 (made up) or a second version of it, the
     * shipped 2025 again, or 2025 with a local rest day in the month {@code target} picks; or a policy.
     */
    private Request adoption(List<Integer> step, int target) {
        Optional<String> reason = step.get(7) % 3 == 0 ? Optional.empty() : Optional.of("adopted by the court");
        if (step.get(6) % 2 == 0) {
            return new AdoptPolicy(POLICIES.get(target % POLICIES.size()), reason);
        }
        return new AdoptCalendarYear(CALENDAR_YEARS.get(target % CALENDAR_YEARS.size()), reason);
    }

    /** The calendar years the scripts adopt. */
    static final List<CalendarYear> CALENDAR_YEARS = calendarYears();

    private static List<CalendarYear> calendarYears() {
        CalendarSource official = CalendarSource.official(List.of(CalendarSource.Document.of(LocalDate.of(2024, 11, 20),
                "国办发明电〔2026〕99号", "国务院办公厅关于2027年部分节假日安排的通知（测试）")));
        CalendarSource local = CalendarSource.local(List.of(CalendarSource.Document.of(LocalDate.of(2025, 1, 2),
                "京02院〔2025〕1号", "临时闭院通知（测试）")));
        CalendarYear shipped2025 = WorkingDayCalendar.china().year(2025).orElseThrow();
        SortedSet<LocalDate> localRest = new TreeSet<>(shipped2025.restDays());
        localRest.add(LocalDate.of(2025, 1, 13));
        return List.of(
                CalendarYear.of(2027, List.of(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 2, 8)), List.of(), official),
                CalendarYear.of(2027, List.of(LocalDate.of(2027, 1, 1)), List.of(LocalDate.of(2027, 2, 20)), official),
                shipped2025,
                CalendarYear.of(2025, localRest, shipped2025.adjustedWorkingDays(), local));
    }

    private Request receipt(List<Integer> step, int target, int fault) {
        int bankChoice = step.get(7) % 20;
        String bank = bankChoice == 0 ? USD_BANK : bankChoice == 1 ? "999999" : BANK;
        CurrencyUnit currency = bankChoice == 0 || bankChoice == 2 ? USD : CNY;
        Money amount = step.get(2) % 10 == 0 ? Money.ofMinor(currency, 15_000_000L)
                : Money.ofMinor(currency, 100L * (1 + step.get(2) % 5000) + step.get(2) % 100);
        String reference = fault == 4 && !model.bankReferences.isEmpty()
                ? new ArrayList<>(model.bankReferences).get(target % model.bankReferences.size()).split("\\|")[1]
                : "SN" + keys;
        int routing = step.get(6) % 4;
        String subAccount = null;
        String memo = null;
        Optional<CaseNumber> caseNumber = Optional.empty();
        if (cases > 0 && routing == 0) {
            subAccount = Fixtures.subAccount(caseIndex(target));
        } else if (cases > 0 && routing == 1) {
            memo = "还款 " + Fixtures.caseNumber(caseIndex(target)).toString().replace('（', '(').replace('）', ')');
        } else if (cases > 0 && routing == 2) {
            caseNumber = Optional.of(Fixtures.caseNumber(caseIndex(target)));
        } else {
            memo = step.get(6) % 8 == 3 ? "货款" : null;
        }
        return new RecordReceipt(bank, reference, amount, Payer.of("付款人" + target % 7, "6217" + target, "建设银行"),
                Optional.ofNullable(memo), ReceiptSource.DEBTOR_PAYMENT, Optional.ofNullable(subAccount), caseNumber);
    }

    private Distribute distribution(List<Integer> step, int target) {
        int n = caseIndex(target);
        Money total = spend(n, step.get(2));
        List<Distribute.Creditor> creditors = new ArrayList<>();
        int count = 2 + step.get(6) % 2;
        for (int i = 0; i < count; i++) {
            ProRata.Rank rank = i == 0 && step.get(7) % 3 == 0 ? ProRata.Rank.PRIORITY : ProRata.Rank.ORDINARY;
            long claimed = 100L + (step.get(7) * (i + 3L)) % 90_000;
            creditors.add(new Distribute.Creditor("债权人" + n + "-" + i, Money.ofMinor(total.getCurrencyUnit(),
                    claimed * (step.get(3) % 2 == 0 ? 1 : 40)), rank, Fixtures.creditorAccount(n)));
        }
        return new Distribute(Fixtures.caseNumber(n), total, creditors, Optional.empty());
    }

    private List<Approval> approvals(int choice, int fault) {
        if (fault == 5) {
            return List.of();
        }
        if (fault == 6) {
            return List.of(BY_HEAD);
        }
        if (fault == 7) {
            // The requester approving: handlers never approve, so make the approver share the actor's id.
            return List.of(Approval.of(choice % 2 == 0 ? HANDLER.id() : OTHER_HANDLER.id(), Role.DIVISION_HEAD));
        }
        return List.of(BY_HEAD, BY_DIRECTOR, BY_LEADER);
    }

    private Actor handlerFor(int choice) {
        return choice % 3 == 0 ? OTHER_HANDLER : HANDLER;
    }

    /** The handler of case {@code n}, or, now and then, someone who is not. */
    private Actor caseActor(int n, int choice) {
        ReferenceModel.Case record = model.cases.get(Fixtures.caseNumber(n).toString());
        String handler = record == null ? HANDLER.id() : record.handler;
        boolean wrong = choice % 11 == 0;
        boolean useHandler = handler.equals(HANDLER.id()) != wrong;
        return useHandler ? HANDLER : OTHER_HANDLER;
    }

    private int caseIndex(int choice) {
        return cases == 0 ? 1 : 1 + choice % cases;
    }

    private static int caseIndexOf(String caseNumber) {
        String digits = caseNumber.substring(caseNumber.indexOf('执') + 1, caseNumber.length() - 1);
        return Integer.parseInt(digits);
    }

    /** An amount to take from case {@code n}: usually part of its money, now and then more than it has. */
    private Money spend(int n, int choice) {
        long balance = model.balance("case:" + Fixtures.caseNumber(n), CNY);
        if (choice % 7 == 0 || balance == 0) {
            return Money.ofMinor(CNY, balance + 1 + choice % 1000);
        }
        return Money.ofMinor(CNY, Math.max(1, balance * (1 + choice % 4) / 4));
    }

    private String unidentifiedKey(int choice) {
        List<String> keysOfUnidentified = new ArrayList<>();
        model.receipts.forEach((key, receipt) -> {
            if (receipt.unidentified) {
                keysOfUnidentified.add(key);
            }
        });
        return keysOfUnidentified.isEmpty() ? "no-such-receipt"
                : keysOfUnidentified.get(choice % keysOfUnidentified.size());
    }

    private Money claimAmount(int target, int choice) {
        String key = unidentifiedKey(target);
        long remaining = model.lots.stream().filter(lot -> lot.receipt.equals(key)
                && lot.account.startsWith("unidentified:")).mapToLong(lot -> lot.remaining).sum();
        CurrencyUnit currency = model.receipts.containsKey(key) && model.receipts.get(key).bank.equals(USD_BANK)
                ? USD : CNY;
        if (choice % 6 == 0 || remaining == 0) {
            return Money.ofMinor(currency, remaining + 1 + choice % 100);
        }
        return Money.ofMinor(currency, Math.max(1, remaining * (1 + choice % 2) / 2));
    }

    /** Mostly an event that moves money, now and then any event, or none at all. */
    private String reversalTarget(int choice, int fault, int bias) {
        if (fault == 3 || model.applied.isEmpty()) {
            return "no-such-event";
        }
        if (bias % 5 == 1) {
            // An event whose lot was emptied and refilled by a reversal since: reversing it is allowed
            // only from the refill's day on.
            List<String> refilled = new ArrayList<>();
            model.applied.forEach((key, event) -> {
                if (!event.reversed && event.lotChanges.stream().anyMatch(change -> change.creates()
                        && change.lot().remaining == change.lot().amount
                        && change.lot().availableFrom.isAfter(event.command.effectiveDate()))) {
                    refilled.add(key);
                }
            });
            if (!refilled.isEmpty()) {
                return refilled.get(choice % refilled.size());
            }
        }
        List<String> candidates = new ArrayList<>();
        model.applied.forEach((key, event) -> {
            if (bias % 4 == 0 || !event.postings.isEmpty()) {
                candidates.add(key);
            }
        });
        if (candidates.isEmpty()) {
            candidates.addAll(model.applied.keySet());
        }
        return candidates.get(choice % candidates.size());
    }

    private String disbursementId(int choice, int fault) {
        if (fault == 8 || model.disbursements.isEmpty()) {
            return "no-such-notice";
        }
        return new ArrayList<>(model.disbursements.keySet()).get(choice % model.disbursements.size());
    }
}
