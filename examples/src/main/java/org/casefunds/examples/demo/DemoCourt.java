package org.casefunds.examples.demo;

import org.casefunds.ledger.staff.StaffMember;
import org.casefunds.ledger.commands.StaffCommands;
import java.util.LinkedHashMap;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.casefunds.ledger.BatchResult;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.approvals.Actor;
import org.casefunds.ledger.approvals.Approval;
import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.calendar.WorkingDayCalendar;
import org.casefunds.ledger.cases.BankDetails;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.cases.Party;
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
import org.casefunds.ledger.commands.RetireBankAccount;
import org.casefunds.ledger.commands.ReturnDisbursement;
import org.casefunds.ledger.commands.Reverse;
import org.casefunds.ledger.commands.SettleDisbursement;
import org.casefunds.ledger.commands.SweepFees;
import org.casefunds.ledger.commands.TransferBetweenCases;
import org.casefunds.ledger.events.DepositReason;
import org.casefunds.ledger.events.Payer;
import org.casefunds.ledger.events.ReceiptSource;
import org.casefunds.ledger.fees.ExecutionFee;
import org.casefunds.ledger.money.ProRata;
import org.casefunds.ledger.policy.DeferralReason;
import org.casefunds.ledger.policy.Policy;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * A year of one court's enforcement funds, simulated day by day on the court's working-day
 * calendar: cases opened; money arriving on their sub-accounts, with a case number in the memo,
 * through online deductions, or with no clue at all; unidentified money claimed or refunded;
 * execution fees, payout notices, distributions among several creditors, deposits with a notary,
 * surplus refunds, transfers between cases, deferrals granted, renewed and lifted; finance paying,
 * the bank returning a few payments, fees swept and months closed. Most money is noticed within
 * the 10 working days; some is late, some waits at the year's end.
 *
 * <p>The simulation is deterministic: the same settings give the same commands in the same order,
 * and with {@link #clock()} the same journal to the byte. Its memory holds one small record per
 * case and the actions scheduled, never the journal, so it scales to a province's year.
 *
 * <p>This class is not thread-safe: build one per ledger.
 */
public final class DemoCourt {
    /** The court simulated. */
    public static final String COURT_CODE = "京02";
    /** Its name. */
    public static final String COURT_NAME = "北京市第二中级人民法院";
    /** The master account almost all money arrives on. */
    public static final String MAIN_ACCOUNT = "110060001";
    /** The court's old master account: retired in April, a little money still arrives on it. */
    public static final String OLD_ACCOUNT = "110050009";
    /** The most cases a simulation holds. */
    public static final int CASES_MAX = 2_000_000;
    /** The person of the staff register who logs in to the dashboard as finance. */
    public static final String FINANCE_PERSON = "fin.li";
    /** A handler of the demonstration's cases. */
    public static final String HANDLER_PERSON = "judge.zhao";
    /** The court's auditor, who reads everything and changes nothing. */
    public static final String AUDITOR = "aud.zheng";
    /** The division head, who approves payouts below 100,000.00. */
    public static final String HEAD_PERSON = "head.sun";

    private static final CurrencyUnit CNY = CurrencyUnit.of("CNY");
    private static final Actor FINANCE = Actor.of(FINANCE_PERSON, Role.FINANCE);
    private static final Actor ADMINISTRATOR = Actor.of("adm.wang", Role.FUND_ADMINISTRATOR);
    private static final Actor HEAD = Actor.of(HEAD_PERSON, Role.DIVISION_HEAD);
    /** The first staff administrator, who registers the court's staff; the second approves. */
    private static final Actor STAFF_ADMIN = Actor.of("sys.chen", Role.STAFF_ADMINISTRATOR);
    private static final List<StaffMember> FIRST_ADMINISTRATORS = List.of(StaffMember.of("sys.chen", "陈静", "S001"),
            StaffMember.of("sys.lin", "林涛", "S002"));
    private static final List<String> HANDLERS = List.of("zhao", "qian", "sun", "li", "zhou", "wu", "zheng", "wang",
            "feng", "chen", "chu", "wei", "jiang", "shen", "han", "yang", "zhu", "qin", "you", "xu", "he", "shi",
            "zhang", "kong");
    private static final BankDetails NOTARY = BankDetails.of("北京市方圆公证处", "0200001409000123456", "工商银行北京分行");

    /**
     * What to simulate.
     *
     * @param seed the random seed: the same seed gives the same ledger
     * @param cases how many cases the court opens in the year
     * @param year the year, which the calendar must cover
     */
    public record Settings(long seed, int cases, int year) {
        /** Checks the values. */
        public Settings {
            Checks.argument(cases >= 1 && cases <= CASES_MAX, "cases", cases, "must be 1.." + CASES_MAX);
        }
    }

    /** What happens, in the order it happens on a day. */
    private enum Kind {
        OPEN_LEDGER, RETIRE_ACCOUNT, OPEN_CASE, HAND_OVER, RECEIPT, STRAY_RECEIPT, CLAIM, RETURN, REISSUE,
        LIFT, RENEW, EXPIRE, TRANSFER, PAYOUT, REFUND_STRAY, SETTLE, SWEEP, CLOSE
    }

    /** One thing scheduled for a day. */
    private record Action(Kind kind, int caseIndex, long amountMinor, String reference) {
    }

    /** What the simulation knows of a case: where its money stands and what is planned. */
    private static final class CaseSim {
        final CaseNumber number;
        final String subAccount;
        final List<String> creditors = new ArrayList<>();
        final List<BankDetails> payees = new ArrayList<>();
        final List<Long> claimsLeftMinor = new ArrayList<>();
        final String debtor;
        final BankDetails debtorAccount;
        final LocalDate openedOn;
        String handler;
        long availableMinor;
        long receivedMinor;
        boolean feeCharged;
        boolean payoutPlanned;
        boolean deferralUsed;
        String deferral;
        DeferralReason deferralReason;
        LocalDate deferralEnd;
        int disbursements;

        CaseSim(CaseNumber number, String subAccount, String handler, String debtor, BankDetails debtorAccount,
                LocalDate openedOn) {
            this.number = number;
            this.subAccount = subAccount;
            this.handler = handler;
            this.debtor = debtor;
            this.debtorAccount = debtorAccount;
            this.openedOn = openedOn;
        }
    }

    private final Settings settings;
    private final Policy policy;
    private final WorkingDayCalendar calendar;
    private final SplittableRandom random;
    private final DemoPeople people;
    private final DemoClock clock;
    private final TreeMap<LocalDate, List<Action>> schedule = new TreeMap<>();
    private final List<CaseSim> cases;
    private final Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    private final Map<String, BankDetails> strayPayers = new TreeMap<>();
    /**
     * What each master account holds beyond the payments under way, as the ledger counts it: money
     * pays out of the account it reached, and after April a little reaches the old one.
     */
    private final Map<String, Long> bankAvailableMinor = new TreeMap<>();
    /** The master account of each payment the bank will return, until it does. */
    private final Map<String, String> returningFrom = new TreeMap<>();
    private final LocalDate firstDay;
    private final LocalDate lastDay;
    private final LocalDate retiredOn;
    private LocalDate closedThrough;
    private long feesUnsweptMinor;
    private int serial;
    private LocalDate serialDay;
    private List<Command> today;
    private LocalDate day;

    private DemoCourt(Settings settings, Policy policy, WorkingDayCalendar calendar) {
        this.settings = Checks.required(settings, "settings");
        this.policy = Checks.required(policy, "policy");
        this.calendar = Checks.required(calendar, "calendar");
        this.random = new SplittableRandom(settings.seed());
        this.people = new DemoPeople(random.split());
        this.firstDay = firstWorkingDay(LocalDate.of(settings.year(), 1, 1));
        this.lastDay = LocalDate.of(settings.year(), 12, 31);
        this.retiredOn = firstWorkingDay(LocalDate.of(settings.year(), 4, 1));
        calendar.requireCovered(lastDay.plusMonths(2), "year");
        this.clock = new DemoClock(firstDay);
        this.cases = new ArrayList<>(settings.cases());
        plan();
    }

    /** The simulation of {@code settings} under {@code policy} on {@code calendar}. */
    public static DemoCourt of(Settings settings, Policy policy, WorkingDayCalendar calendar) {
        return new DemoCourt(settings, policy, calendar);
    }

    /** The clock to open the ledger with, so that recorded-at instants follow the simulated days. */
    public InstantSource clock() {
        return clock;
    }

    /** The last day simulated. */
    public LocalDate lastDay() {
        return lastDay;
    }

    /** Receives each simulated day's commands. */
    @FunctionalInterface
    public interface DayListener {
        /** Called after the commands of {@code day} were applied. */
        void applied(LocalDate day, int commands);
    }

    /**
     * Runs the year on {@code ledger}, which must be new and opened with {@link #clock()}: each
     * day's commands are applied as one batch, all or nothing.
     *
     * @return how many commands were applied
     * @throws IllegalStateException if the ledger refuses a command: the simulation has a bug
     */
    public long run(Ledger ledger, DayListener listener) {
        long applied = 0;
        while (!schedule.isEmpty() && !schedule.firstKey().isAfter(lastDay)) {
            Map.Entry<LocalDate, List<Action>> entry = schedule.pollFirstEntry();
            day = entry.getKey();
            clock.enter(day);
            today = new ArrayList<>();
            List<Action> actions = new ArrayList<>(entry.getValue());
            actions.sort((left, right) -> Integer.compare(left.kind().ordinal(), right.kind().ordinal()));
            for (Action action : actions) {
                act(action);
            }
            BatchResult result = ledger.executeAll(today);
            if (!result.applied()) {
                BatchResult.Refusal refusal = result.refusal().get();
                throw new IllegalStateException("the simulated court's command " + refusal.command().idempotencyKey()
                        + " of " + day + " was refused: " + refusal.reason().getMessage(), refusal.reason());
            }
            applied += today.size();
            listener.applied(day, today.size());
        }
        return applied;
    }

    /** How many of each kind of action were simulated, for the summary. */
    public Map<String, Integer> counts() {
        Map<String, Integer> named = new TreeMap<>();
        counts.forEach((kind, count) -> named.put(kind.name().toLowerCase().replace('_', '-'), count));
        return named;
    }

    // ------------------------------------------------------------------ planning

    /** Schedules the ledger's opening, each case's opening, the stray receipts and each month's routine. */
    private void plan() {
        at(firstDay, new Action(Kind.OPEN_LEDGER, -1, 0, null));
        at(retiredOn, new Action(Kind.RETIRE_ACCOUNT, -1, 0, null));
        LocalDate lastOpening = LocalDate.of(settings.year(), 11, 28);
        List<LocalDate> openingDays = new ArrayList<>();
        for (LocalDate each = firstDay; !each.isAfter(lastOpening); each = each.plusDays(1)) {
            if (calendar.isWorkingDay(each)) {
                openingDays.add(each);
            }
        }
        // Cases are numbered in the order they are filed, spread evenly over the working days.
        for (int i = 0; i < settings.cases(); i++) {
            LocalDate opened = openingDays.get((int) ((long) i * openingDays.size() / settings.cases()));
            at(opened, new Action(Kind.OPEN_CASE, i, 0, null));
        }
        int strays = Math.max(3, settings.cases() / 40);
        for (int i = 0; i < strays; i++) {
            at(openingDays.get(random.nextInt(openingDays.size())), new Action(Kind.STRAY_RECEIPT, -1,
                    amount(500, 30_000), null));
        }
        for (YearMonth month = YearMonth.of(settings.year(), 2); month.getYear() == settings.year();
                month = month.plusMonths(1)) {
            at(firstWorkingDay(month.atDay(1)), new Action(Kind.SWEEP, -1, 0, "FEE" + month.minusMonths(1)));
            at(calendar.plusWorkingDays(firstWorkingDay(month.atDay(1)), 4), new Action(Kind.CLOSE, -1, 0,
                    month.minusMonths(1).atEndOfMonth().toString()));
        }
    }

    private void at(LocalDate date, Action action) {
        if (!date.isAfter(lastDay)) {
            schedule.computeIfAbsent(date, key -> new ArrayList<>()).add(action);
        }
    }

    private LocalDate firstWorkingDay(LocalDate from) {
        return calendar.nextWorkingDayOnOrAfter(from);
    }

    private LocalDate later(int fromWorkingDays, int toWorkingDays) {
        return calendar.plusWorkingDays(day, random.nextInt(fromWorkingDays, toWorkingDays + 1));
    }

    private boolean chance(int percent) {
        return random.nextInt(1000) < percent * 10;
    }

    private boolean chancePerMille(int perMille) {
        return random.nextInt(1000) < perMille;
    }

    /** A random amount in whole yuan between the bounds, in minor units. */
    private long amount(long fromYuan, long toYuan) {
        return random.nextLong(fromYuan, toYuan + 1) * 100 + (chance(30) ? random.nextInt(100) : 0);
    }

    /** A receipt's amount: most enforcement money is tens of thousands, a few receipts are millions. */
    private long receiptAmount(ReceiptSource source) {
        if (source == ReceiptSource.AUCTION_PROCEEDS) {
            return amount(200_000, 3_000_000);
        }
        int band = random.nextInt(100);
        if (band < 25) {
            return amount(500, 5_000);
        } else if (band < 60) {
            return amount(5_000, 50_000);
        } else if (band < 85) {
            return amount(50_000, 200_000);
        } else if (band < 97) {
            return amount(200_000, 1_000_000);
        }
        return amount(1_000_000, 4_000_000);
    }

    // ------------------------------------------------------------------ acting

    private void act(Action action) {
        counts.merge(action.kind(), 1, Integer::sum);
        switch (action.kind()) {
            case OPEN_LEDGER:
                openLedger();
                break;
            case RETIRE_ACCOUNT:
                emit("retire:" + OLD_ACCOUNT, FINANCE, new RetireBankAccount(OLD_ACCOUNT,
                        "开户行变更，新款项请汇入 " + MAIN_ACCOUNT));
                break;
            case OPEN_CASE:
                openCase(action.caseIndex());
                break;
            case HAND_OVER:
                handOver(cases.get(action.caseIndex()));
                break;
            case RECEIPT:
                receive(cases.get(action.caseIndex()), action.amountMinor());
                break;
            case STRAY_RECEIPT:
                strayReceipt(action.amountMinor());
                break;
            case CLAIM:
                claim(cases.get(action.caseIndex()), action.reference(), action.amountMinor());
                break;
            case RETURN:
                returned(cases.get(action.caseIndex()), action.reference(), action.amountMinor());
                break;
            case REISSUE:
                reissue(cases.get(action.caseIndex()));
                break;
            case LIFT:
            case RENEW:
            case EXPIRE:
                deferralEvent(action.kind(), cases.get(action.caseIndex()), action.reference());
                break;
            case TRANSFER:
                transfer(cases.get(action.caseIndex()), action.amountMinor());
                break;
            case PAYOUT:
                payout(cases.get(action.caseIndex()));
                break;
            case REFUND_STRAY:
                refundStray(action.reference(), action.amountMinor());
                break;
            case SETTLE:
                emit("settle:" + action.reference(), FINANCE, new SettleDisbursement(action.reference(),
                        serial("OUT")));
                break;
            case SWEEP:
                sweep(action.reference());
                break;
            case CLOSE:
                closedThrough = LocalDate.parse(action.reference());
                emit("close:" + action.reference(), FINANCE, new ClosePeriod(closedThrough));
                break;
            default:
                throw new AssertionError(action.kind());
        }
    }

    private void emit(String key, Actor actor, Request request, List<Role> approvers) {
        emitOn(day, key, actor, request, approvers);
    }

    private void emit(String key, Actor actor, Request request) {
        emitOn(day, key, actor, request, List.of());
    }

    private void emitOn(LocalDate date, String key, Actor actor, Request request, List<Role> approvers) {
        List<Approval> approvals = new ArrayList<>();
        for (Role role : approvers) {
            approvals.add(Approval.of(approverOf(role), role));
        }
        today.add(new Command(key, actor, date, approvals, Map.of(), request));
    }

    private static final Map<String, String> SURNAMES = Map.ofEntries(Map.entry("zhao", "赵"), Map.entry("qian", "钱"),
            Map.entry("sun", "孙"), Map.entry("li", "李"), Map.entry("zhou", "周"), Map.entry("wu", "吴"),
            Map.entry("zheng", "郑"), Map.entry("wang", "王"), Map.entry("feng", "冯"), Map.entry("chen", "陈"),
            Map.entry("chu", "褚"), Map.entry("wei", "卫"), Map.entry("jiang", "蒋"), Map.entry("shen", "沈"),
            Map.entry("han", "韩"), Map.entry("yang", "杨"), Map.entry("zhu", "朱"), Map.entry("qin", "秦"),
            Map.entry("you", "尤"), Map.entry("xu", "许"), Map.entry("he", "何"), Map.entry("shi", "施"),
            Map.entry("zhang", "张"), Map.entry("kong", "孔"));

    /** A staff member's name: the surname of the id and the title of the role, e.g. 赵法官. */
    private static String staffName(String id, Role role) {
        String surname = SURNAMES.getOrDefault(id.substring(id.indexOf('.') + 1), "");
        switch (role) {
            case FINANCE:
                return surname + "会计";
            case FUND_ADMINISTRATOR:
                return surname + "专管员";
            case DIVISION_HEAD:
                return surname + "庭长";
            case BUREAU_DIRECTOR:
                return surname + "局长";
            case COURT_LEADER:
                return surname + "院长";
            case AUDITOR:
                return surname + "审计";
            default:
                return surname + "法官";
        }
    }

    private static String approverOf(Role role) {
        switch (role) {
            case STAFF_ADMINISTRATOR:
                return "sys.lin";
            case DIVISION_HEAD:
                return "head.sun";
            case BUREAU_DIRECTOR:
                return "dir.zhou";
            case COURT_LEADER:
                return "leader.wu";
            default:
                throw new AssertionError("not an approving role: " + role);
        }
    }

    /** A bank serial number: the prefix, the day and a counter of the day. */
    private String serial(String prefix) {
        if (!day.equals(serialDay)) {
            serialDay = day;
            serial = 0;
        }
        return String.format("%s%s%05d", prefix, day.toString().replace("-", ""), ++serial);
    }

    private void openLedger() {
        emit("init:ledger", STAFF_ADMIN, new OpenLedger(COURT_CODE, COURT_NAME, FIRST_ADMINISTRATORS));
        // The staff register: everyone who acts or approves, each registration and grant approved
        // by the second administrator.
        Map<String, Role> staff = new LinkedHashMap<>();
        staff.put(FINANCE.id(), Role.FINANCE);
        staff.put(ADMINISTRATOR.id(), Role.FUND_ADMINISTRATOR);
        staff.put(HEAD.id(), Role.DIVISION_HEAD);
        staff.put(approverOf(Role.BUREAU_DIRECTOR), Role.BUREAU_DIRECTOR);
        staff.put(approverOf(Role.COURT_LEADER), Role.COURT_LEADER);
        staff.put(AUDITOR, Role.AUDITOR);
        HANDLERS.forEach(name -> staff.put("judge." + name, Role.HANDLER));
        int number = 100;
        for (Map.Entry<String, Role> person : staff.entrySet()) {
            String id = person.getKey();
            today.addAll(StaffCommands.hire(STAFF_ADMIN, Approval.of(approverOf(Role.STAFF_ADMINISTRATOR),
                    Role.STAFF_ADMINISTRATOR), day, StaffMember.of(id, staffName(id, person.getValue()),
                    "A" + (++number)), person.getValue()));
        }
        emit("init:bank:" + MAIN_ACCOUNT, FINANCE, new RegisterBankAccount(MAIN_ACCOUNT, CNY, "工商银行北京分行营业部",
                COURT_NAME + "执行款专户"));
        emit("init:bank:" + OLD_ACCOUNT, FINANCE, new RegisterBankAccount(OLD_ACCOUNT, CNY, "建设银行北京分行",
                COURT_NAME + "执行款专户（旧）"));
    }

    private void openCase(int index) {
        String type = chance(8) ? "执恢" : "执";
        CaseNumber number = CaseNumber.parse("（" + settings.year() + "）" + COURT_CODE + type + (index + 1) + "号");
        String handler = "judge." + HANDLERS.get(random.nextInt(HANDLERS.size()));
        String debtor = people.party(45);
        CaseSim sim = new CaseSim(number, String.format("8802%07d", index + 1), handler, debtor,
                people.account(debtor), day);
        int creditors = chance(12) ? random.nextInt(2, 5) : 1;
        int receipts = chance(50) ? 1 : chance(60) ? 2 : random.nextInt(3, 5);
        List<Long> planned = new ArrayList<>();
        long plannedTotal = 0;
        ReceiptSource mainSource = source();
        for (int i = 0; i < receipts; i++) {
            long each = receiptAmount(i == 0 ? mainSource : source());
            planned.add(each);
            plannedTotal += each;
        }
        for (int i = 0; i < creditors; i++) {
            String creditor = people.party(35);
            while (sim.creditors.contains(creditor) || creditor.equals(debtor)) {
                creditor = people.party(35);
            }
            sim.creditors.add(creditor);
            sim.payees.add(people.account(creditor));
            // The claims together exceed what will arrive, so a distribution never leaves a surplus.
            sim.claimsLeftMinor.add(plannedTotal / creditors + amount(1_000, 200_000));
        }
        cases.add(sim);
        List<Party> parties = new ArrayList<>();
        sim.creditors.forEach(name -> parties.add(Party.creditor(name)));
        parties.add(Party.debtor(debtor));
        emit("case:" + number, Actor.of(handler, Role.HANDLER), new OpenCase(number, sim.subAccount, handler, parties,
                sim.payees), List.of(Role.DIVISION_HEAD));
        LocalDate arrival = later(3, 40);
        for (long each : planned) {
            at(arrival, new Action(Kind.RECEIPT, index, each, null));
            arrival = calendar.plusWorkingDays(arrival, random.nextInt(5, 31));
        }
        if (chance(3)) {
            at(later(10, 60), new Action(Kind.HAND_OVER, index, 0, null));
        }
    }

    private ReceiptSource source() {
        int kind = random.nextInt(100);
        return kind < 55 ? ReceiptSource.DEBTOR_PAYMENT : kind < 80 ? ReceiptSource.ONLINE_DEDUCTION
                : kind < 88 ? ReceiptSource.OFFLINE_DEDUCTION : kind < 98 ? ReceiptSource.AUCTION_PROCEEDS
                : ReceiptSource.CASH;
    }

    private Actor handler(CaseSim sim) {
        return Actor.of(sim.handler, Role.HANDLER);
    }

    private void handOver(CaseSim sim) {
        String next = sim.handler;
        while (next.equals(sim.handler)) {
            next = "judge." + HANDLERS.get(random.nextInt(HANDLERS.size()));
        }
        emit("handover:" + sim.number, HEAD, new HandOverCase(sim.number, next, "承办人岗位调整，案件移交"),
                List.of(Role.BUREAU_DIRECTOR));
        sim.handler = next;
    }

    /** The ways a payer names the case in a memo: every written form courts see (docs/domain.md §8). */
    private String memoNaming(CaseNumber number) {
        String plain = number.toString();
        String[] forms = {plain, plain.replace('（', '(').replace('）', ')'), plain.replace("号", ""),
            "还款 " + plain.replace('（', '(').replace('）', ')').replace("号", ""), "执行款" + plain,
            plain.replace("）", "） ").replace('（', '(').replace('）', ')')};
        return forms[random.nextInt(forms.length)];
    }

    private void receive(CaseSim sim, long amountMinor) {
        ReceiptSource source = source();
        int route = random.nextInt(100);
        boolean oldAccount = !day.isBefore(retiredOn) && chancePerMille(5);
        String account = oldAccount ? OLD_ACCOUNT : MAIN_ACCOUNT;
        String reference = serial(source == ReceiptSource.CASH ? "CASH" : "SN");
        String key = "bank:" + account + ":" + reference;
        Payer payer = chance(85) ? Payer.of(sim.debtor, sim.debtorAccount.accountNumber(), sim.debtorAccount.bank())
                : Payer.unknown();
        Money amount = Money.ofMinor(CNY, amountMinor);
        RecordReceipt receipt;
        boolean identified = true;
        if (oldAccount || (route >= 72 && route < 87)) {
            receipt = RecordReceipt.of(account, reference, amount, payer, memoNaming(sim.number), source, null);
        } else if (route < 72) {
            receipt = RecordReceipt.of(account, reference, amount, payer, chance(50) ? "执行款" : null, source,
                    sim.subAccount);
        } else if (route < 90) {
            receipt = new RecordReceipt(account, reference, amount, payer, Optional.of("网络执行查控系统扣划"),
                    ReceiptSource.ONLINE_DEDUCTION, Optional.empty(), Optional.of(sim.number));
        } else {
            identified = false;
            String[] memos = {"货款", "还款", "转账", null, "往来款"};
            receipt = RecordReceipt.of(account, reference, amount, payer, memos[random.nextInt(memos.length)],
                    source == ReceiptSource.CASH ? ReceiptSource.DEBTOR_PAYMENT : source, null);
        }
        LocalDate valueDate = day;
        if (receipt.source() == ReceiptSource.CASH) {
            // Cash handed over to two officers is entered a few days later, dated when it was taken.
            valueDate = enteredLater(sim.openedOn);
            if (chance(25)) {
                mistypedCash(receipt, key, valueDate);
            }
        }
        emitOn(valueDate, key, ADMINISTRATOR, receipt, List.of());
        bankIn(account, amountMinor);
        if (identified) {
            arrive(sim, amountMinor, true);
        } else {
            int delay = chance(75) ? random.nextInt(1, 4) : chance(70) ? random.nextInt(4, 9) : random.nextInt(15, 41);
            at(calendar.plusWorkingDays(day, delay), new Action(Kind.CLAIM, indexOf(sim), amountMinor, key));
        }
    }

    private int indexOf(CaseSim sim) {
        return (int) (sim.number.sequence() - 1);
    }

    /** The value date of cash entered today: one to three working days back, never into a closed month. */
    private LocalDate enteredLater(LocalDate notBefore) {
        LocalDate date = day;
        int back = random.nextInt(1, 4);
        while (back > 0) {
            LocalDate earlier = calendar.previousWorkingDay(date);
            if (earlier.isBefore(notBefore) || (closedThrough != null && !earlier.isAfter(closedThrough))) {
                break;
            }
            date = earlier;
            back--;
        }
        return date;
    }

    /** Cash first entered with the amount mistyped, and the mistake reversed at once (the only correction). */
    private void mistypedCash(RecordReceipt correct, String key, LocalDate valueDate) {
        Money wrong = correct.amount().multipliedBy(10);
        String wrongKey = key + "-mistyped";
        emitOn(valueDate, wrongKey, ADMINISTRATOR, new RecordReceipt(correct.bankAccount(),
                correct.bankReference(), wrong, correct.payer(), correct.memo(), correct.source(),
                correct.subAccountNumber(), correct.caseNumber()), List.of());
        emit("reverse:" + wrongKey, ADMINISTRATOR, new Reverse(wrongKey, "金额录入错误（多录一位），冲正后重新录入"),
                policy.reversalApprovers());
    }

    /** Money reached the case: hold it under a deferral, or plan its payout. */
    private void arrive(CaseSim sim, long amountMinor, boolean received) {
        sim.availableMinor += amountMinor;
        if (received) {
            sim.receivedMinor += amountMinor;
        }
        if (sim.deferral != null || sim.payoutPlanned) {
            return;
        }
        if (!sim.deferralUsed && chance(6)) {
            defer(sim);
            return;
        }
        if (received && chancePerMille(12) && cases.size() > 1) {
            at(later(1, 3), new Action(Kind.TRANSFER, indexOf(sim), amountMinor / 2, null));
        }
        planPayout(sim, payoutDelay());
    }

    private int payoutDelay() {
        if (day.getMonthValue() == 12 && day.getDayOfMonth() > 10 && chance(25)) {
            return 40;
        }
        return chance(92) ? random.nextInt(1, 9) : random.nextInt(11, 17);
    }

    private void planPayout(CaseSim sim, int workingDays) {
        sim.payoutPlanned = true;
        at(calendar.plusWorkingDays(day, workingDays), new Action(Kind.PAYOUT, indexOf(sim), 0, null));
    }

    private void defer(CaseSim sim) {
        DeferralReason[] reasons = DeferralReason.values();
        DeferralReason reason = sim.creditors.size() > 1 ? DeferralReason.DISTRIBUTION
                : reasons[random.nextInt(reasons.length)];
        String key = "deferral:" + sim.number;
        LocalDate end = day.plusMonths(random.nextInt(1, policy.deferralMaximumMonths(reason) + 1)).minusDays(1);
        emit(key, handler(sim), new GrantDeferral(sim.number, reason, explanation(reason), day, end,
                Optional.empty()), policy.deferralApprovers());
        sim.deferral = key;
        sim.deferralReason = reason;
        sim.deferralEnd = end;
        sim.deferralUsed = true;
        int outcome = random.nextInt(100);
        if (outcome < 40) {
            LocalDate lift = day.plusDays(random.nextInt(5, (int) (end.toEpochDay() - day.toEpochDay()) + 1));
            at(firstWorkingDay(lift).isAfter(end) ? end : firstWorkingDay(lift), new Action(Kind.LIFT,
                    indexOf(sim), 0, key));
        } else if (outcome < 60) {
            at(end.minusDays(3).isBefore(day.plusDays(1)) ? day.plusDays(1) : end.minusDays(3),
                    new Action(Kind.RENEW, indexOf(sim), 0, key));
        } else {
            at(end.plusDays(1), new Action(Kind.EXPIRE, indexOf(sim), 0, key));
        }
    }

    private static String explanation(DeferralReason reason) {
        switch (reason) {
            case DISTRIBUTION:
                return "多个申请执行人参与分配，分配方案制作中";
            case FROZEN:
                return "案款被另案冻结，待解除冻结";
            case SUSPENDED:
                return "案外人提出异议，本案中止执行";
            case PARTIAL_ARRIVAL_AGREED:
                return "部分到账，申请执行人书面同意待全部到账后一并发放";
            case NOT_COLLECTED:
                return "已通知申请执行人领取，尚未领取";
            case DISPUTED:
                return "部分款项存在争议，无争议部分已另行发放";
            default:
                return "当事人申请暂缓发放，已书面说明理由";
        }
    }

    private void deferralEvent(Kind kind, CaseSim sim, String key) {
        if (!key.equals(sim.deferral)) {
            return;
        }
        if (kind == Kind.RENEW && !day.isAfter(sim.deferralEnd)) {
            LocalDate newEnd = sim.deferralEnd.plusMonths(1);
            LocalDate latest = day.plusMonths(policy.deferralMaximumMonths(sim.deferralReason));
            newEnd = newEnd.isAfter(latest) ? latest : newEnd;
            emit("renew:" + key, handler(sim), new RenewDeferral(key, newEnd, "暂缓事由仍未消除，申请延长"),
                    policy.deferralApprovers());
            sim.deferralEnd = newEnd;
            at(newEnd.plusDays(1), new Action(Kind.EXPIRE, indexOf(sim), 0, key));
            return;
        }
        if (kind == Kind.LIFT && !day.isAfter(sim.deferralEnd)) {
            emit("lift:" + key, handler(sim), new LiftDeferral(key, "暂缓事由已消除"));
        }
        sim.deferral = null;
        if (sim.availableMinor > 0 && !sim.payoutPlanned && (kind == Kind.LIFT || chance(88))) {
            planPayout(sim, random.nextInt(1, 9));
        }
    }

    private void claim(CaseSim sim, String receipt, long amountMinor) {
        emit("claim:" + receipt, ADMINISTRATOR, new ClaimUnidentified(receipt, sim.number,
                Money.ofMinor(CNY, amountMinor), Optional.of("甄别：付款人与被执行人" + sim.debtor + "一致")));
        arrive(sim, amountMinor, true);
    }

    private void strayReceipt(long amountMinor) {
        String payerName = people.person();
        BankDetails account = people.account(payerName);
        String reference = serial("SN");
        String key = "bank:" + MAIN_ACCOUNT + ":" + reference;
        emit(key, ADMINISTRATOR, RecordReceipt.of(MAIN_ACCOUNT, reference, Money.ofMinor(CNY, amountMinor),
                Payer.of(payerName, account.accountNumber(), account.bank()), "转账", ReceiptSource.OTHER, null));
        bankIn(MAIN_ACCOUNT, amountMinor);
        if (!chance(10)) {
            // Paid by mistake: refunded to the account it came from once finance has checked it.
            strayPayers.put(key, account);
            at(later(3, 10), new Action(Kind.REFUND_STRAY, -1, amountMinor, key));
        }
    }

    private void refundStray(String receipt, long amountMinor) {
        if (bankAvailable(MAIN_ACCOUNT) < amountMinor) {
            // The main account's money went to payouts of cases whose money lies partly on the old
            // account: the refund waits, as finance would, until enough has come in again.
            at(later(1, 3), new Action(Kind.REFUND_STRAY, -1, amountMinor, receipt));
            return;
        }
        Money amount = Money.ofMinor(CNY, amountMinor);
        String key = "refund:" + receipt;
        emit(key, ADMINISTRATOR, new RefundUnidentified(receipt, amount, strayPayers.remove(receipt),
                "误汇入执行款专户，经核实原路退回"), policy.approversFor(amount));
        bankOut(MAIN_ACCOUNT, amountMinor);
        at(later(1, 3), new Action(Kind.SETTLE, -1, 0, key));
    }

    private void returned(CaseSim sim, String disbursement, long amountMinor) {
        emit("return:" + disbursement, FINANCE, new ReturnDisbursement(disbursement, "收款账户已销户，银行退回"));
        bankIn(returningFrom.remove(disbursement), amountMinor);
        sim.availableMinor += amountMinor;
        at(later(1, 3), new Action(Kind.REISSUE, indexOf(sim), 0, null));
    }

    private void reissue(CaseSim sim) {
        BankDetails corrected = people.account(sim.creditors.get(0));
        sim.payees.set(0, corrected);
        emit("payee:" + sim.number + ":" + corrected.accountNumber(), handler(sim), new ConfirmPayee(sim.number,
                corrected), List.of(Role.DIVISION_HEAD));
        if (!sim.payoutPlanned && sim.deferral == null) {
            sim.payoutPlanned = true;
            payout(sim);
        }
    }

    private void transfer(CaseSim from, long amountMinor) {
        long amount = Math.min(amountMinor, from.availableMinor);
        int target = random.nextInt(cases.size());
        CaseSim to = cases.get(target);
        if (amount <= 0 || to == from || from.deferral != null) {
            return;
        }
        Money money = Money.ofMinor(CNY, amount);
        emit("transfer:" + from.number + ":" + (++from.disbursements), handler(from), new TransferBetweenCases(
                from.number, to.number, money, "同一被执行人另案执行，案款划转"), policy.approversFor(money));
        from.availableMinor -= amount;
        arrive(to, amount, false);
    }

    private void payout(CaseSim sim) {
        sim.payoutPlanned = false;
        if (sim.deferral != null || sim.availableMinor <= 0) {
            return;
        }
        if (!sim.feeCharged && sim.receivedMinor > 0 && chance(35)) {
            Money fee = ExecutionFee.forEnforcedAmount(Money.ofMinor(CNY, sim.receivedMinor));
            if (fee.getAmountMinorLong() < sim.availableMinor) {
                emit("fee:" + sim.number, handler(sim), new ChargeExecutionFee(sim.number,
                        Money.ofMinor(CNY, sim.receivedMinor)));
                sim.availableMinor -= fee.getAmountMinorLong();
                feesUnsweptMinor += fee.getAmountMinorLong();
                sim.feeCharged = true;
            }
        }
        String bank = payingAccount(sim.availableMinor);
        long amount = Math.min(sim.availableMinor, bankAvailable(bank));
        if (amount <= 0) {
            planPayout(sim, random.nextInt(1, 9));
            return;
        }
        long left = sim.availableMinor - amount;
        String key = "notice:" + sim.number + ":" + (++sim.disbursements);
        if (sim.creditors.size() > 1) {
            distribute(sim, key, amount, bank);
        } else if (chance(2)) {
            long surplus = Math.max(1, amount / 8);
            issue(sim, key, amount - surplus, sim.payees.get(0), bank);
            refundSurplus(sim, surplus, bank, "执行完毕，余款退还被执行人");
        } else if (chancePerMille(15)) {
            Money money = Money.ofMinor(CNY, amount);
            emit(key, handler(sim), new DepositWithNotary(sim.number, NOTARY, money, DepositReason.CREDITOR_UNKNOWN,
                    Optional.of(bank), Optional.of("申请执行人下落不明，依法提存")), policy.approversFor(money));
            bankOut(bank, amount);
            at(later(2, 6), new Action(Kind.SETTLE, -1, 0, key));
        } else {
            issue(sim, key, amount, sim.payees.get(0), bank);
        }
        // What one master account could not pay (the case's money lies on both) goes in a later payout.
        sim.availableMinor = left;
        if (left > 0) {
            planPayout(sim, random.nextInt(1, 9));
        }
    }

    private void refundSurplus(CaseSim sim, long amountMinor, String bank, String reason) {
        Money refund = Money.ofMinor(CNY, amountMinor);
        String refundKey = "surplus:" + sim.number + ":" + (++sim.disbursements);
        emit(refundKey, handler(sim), new RefundSurplus(sim.number, sim.debtorAccount, refund, Optional.of(bank),
                Optional.of(reason)), policy.approversFor(refund));
        bankOut(bank, amountMinor);
        at(later(1, 4), new Action(Kind.SETTLE, -1, 0, refundKey));
    }

    private void issue(CaseSim sim, String key, long amountMinor, BankDetails payee, String bank) {
        Money amount = Money.ofMinor(CNY, amountMinor);
        emit(key, handler(sim), new IssuePayoutNotice(sim.number, payee, amount, Optional.of(bank),
                Optional.empty()), policy.approversFor(amount));
        bankOut(bank, amountMinor);
        if (chance(2)) {
            returningFrom.put(key, bank);
            at(later(2, 4), new Action(Kind.RETURN, indexOf(sim), amountMinor, key));
        } else {
            at(chance(92) ? later(1, 4) : later(6, 9), new Action(Kind.SETTLE, -1, 0, key));
        }
    }

    private void distribute(CaseSim sim, String key, long amountMinor, String bank) {
        long claimsLeft = sim.claimsLeftMinor.stream().mapToLong(Long::longValue).sum();
        long total = Math.min(amountMinor, claimsLeft);
        if (total <= 0) {
            return;
        }
        List<Distribute.Creditor> creditors = new ArrayList<>();
        List<ProRata.Claim> claims = new ArrayList<>();
        for (int i = 0; i < sim.creditors.size(); i++) {
            long left = sim.claimsLeftMinor.get(i);
            if (left > 0) {
                ProRata.Rank rank = i == 0 && sim.creditors.size() > 2 ? ProRata.Rank.PRIORITY : ProRata.Rank.ORDINARY;
                Money claimed = Money.ofMinor(CNY, left);
                creditors.add(new Distribute.Creditor(sim.creditors.get(i), claimed, rank, sim.payees.get(i)));
                claims.add(new ProRata.Claim(sim.creditors.get(i), claimed, rank));
            }
        }
        Money money = Money.ofMinor(CNY, total);
        emit(key, handler(sim), new Distribute(sim.number, money, creditors, Optional.of(bank)),
                policy.approversFor(money));
        bankOut(bank, total);
        List<ProRata.Share> shares = ProRata.allocate(money, claims);
        for (int i = 0; i < shares.size(); i++) {
            long allocated = shares.get(i).allocated().getAmountMinorLong();
            int creditor = sim.creditors.indexOf(shares.get(i).creditor());
            sim.claimsLeftMinor.set(creditor, sim.claimsLeftMinor.get(creditor) - allocated);
            if (allocated > 0) {
                at(later(1, 5), new Action(Kind.SETTLE, -1, 0, key + "#" + (i + 1)));
            }
        }
        // What the claims no longer cover stays on the case: the surplus goes back to the debtor later.
        sim.availableMinor = amountMinor - total;
        if (sim.availableMinor > 0) {
            refundSurplus(sim, sim.availableMinor, bank, "分配完毕，余款退还被执行人");
        }
    }

    /** The month's fees to the court's own account: from the main master account, the rest from the old one. */
    private void sweep(String reference) {
        if (feesUnsweptMinor <= 0) {
            return;
        }
        long fromMain = Math.min(feesUnsweptMinor, Math.max(0, bankAvailable(MAIN_ACCOUNT)));
        long fromOld = feesUnsweptMinor - fromMain;
        if (fromMain > 0) {
            emit("sweep:" + reference, FINANCE, new SweepFees(Money.ofMinor(CNY, fromMain), MAIN_ACCOUNT, reference));
            bankOut(MAIN_ACCOUNT, fromMain);
        }
        if (fromOld > 0) {
            emit("sweep:" + reference + ":" + OLD_ACCOUNT, FINANCE, new SweepFees(Money.ofMinor(CNY, fromOld),
                    OLD_ACCOUNT, reference));
            bankOut(OLD_ACCOUNT, fromOld);
        }
        feesUnsweptMinor = 0;
    }

    /**
     * The master account that pays {@code amountMinor}: the main one when it holds that much, else
     * the old one when it does (money that reached it after its retirement pays out of it), else the
     * one that holds more.
     */
    private String payingAccount(long amountMinor) {
        if (bankAvailable(MAIN_ACCOUNT) >= amountMinor || bankAvailable(MAIN_ACCOUNT) >= bankAvailable(OLD_ACCOUNT)) {
            return MAIN_ACCOUNT;
        }
        return OLD_ACCOUNT;
    }

    private long bankAvailable(String account) {
        return bankAvailableMinor.getOrDefault(account, 0L);
    }

    private void bankIn(String account, long amountMinor) {
        bankAvailableMinor.merge(account, amountMinor, Long::sum);
    }

    private void bankOut(String account, long amountMinor) {
        bankAvailableMinor.merge(account, -amountMinor, Long::sum);
    }
}
