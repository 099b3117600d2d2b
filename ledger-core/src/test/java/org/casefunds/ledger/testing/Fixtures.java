package org.casefunds.ledger.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.approvals.Actor;
import org.casefunds.ledger.approvals.Approval;
import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.cases.BankDetails;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.cases.Party;
import org.casefunds.ledger.commands.Command;
import org.casefunds.ledger.commands.GrantRole;
import org.casefunds.ledger.commands.OpenCase;
import org.casefunds.ledger.commands.OpenLedger;
import org.casefunds.ledger.commands.RegisterBankAccount;
import org.casefunds.ledger.commands.StaffCommands;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.processing.CommandProcessor;
import org.casefunds.ledger.staff.StaffMember;
import org.casefunds.ledger.store.InMemoryJournalStore;
import org.casefunds.ledger.store.JournalStore;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/** The court, people, accounts and cases the tests use. */
public final class Fixtures {
    public static final CurrencyUnit CNY = CurrencyUnit.of("CNY");
    public static final CurrencyUnit USD = CurrencyUnit.of("USD");
    public static final LocalDate DAY_ONE = LocalDate.of(2025, 1, 2);
    public static final String COURT = "京02";
    public static final String BANK = "110060001";
    public static final String USD_BANK = "110060099";

    public static final Actor FINANCE = Actor.of("fin.li", Role.FINANCE);
    public static final Actor ADMINISTRATOR = Actor.of("adm.wang", Role.FUND_ADMINISTRATOR);
    public static final Actor HANDLER = Actor.of("judge.zhao", Role.HANDLER);
    public static final Actor OTHER_HANDLER = Actor.of("judge.qian", Role.HANDLER);
    public static final Actor HEAD = Actor.of("head.sun", Role.DIVISION_HEAD);
    public static final Actor AUDITOR = Actor.of("aud.zheng", Role.AUDITOR);

    /** The first staff administrators, named by the opening. */
    public static final Actor STAFF_ADMIN = Actor.of("sys.chen", Role.STAFF_ADMINISTRATOR);
    public static final Actor SECOND_STAFF_ADMIN = Actor.of("sys.lin", Role.STAFF_ADMINISTRATOR);
    public static final Approval BY_SECOND_STAFF_ADMIN = Approval.of("sys.lin", Role.STAFF_ADMINISTRATOR);

    public static final Approval BY_HEAD = Approval.of("head.sun", Role.DIVISION_HEAD);
    public static final Approval BY_DIRECTOR = Approval.of("dir.zhou", Role.BUREAU_DIRECTOR);
    public static final Approval BY_LEADER = Approval.of("leader.wu", Role.COURT_LEADER);

    /**
     * A fixed clock: events record the same instant in every run. It stands after every date the
     * tests give money (up to 2027), since money may not take effect after the day it is recorded;
     * the tests of that rule open ledgers with clocks of their own.
     */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-02T01:00:00Z"), ZoneOffset.UTC);

    /** The day of {@link #CLOCK} in Beijing: "today" for the ledgers the tests open. */
    public static final LocalDate TODAY = LocalDate.ofInstant(CLOCK.instant(), CommandProcessor.COURT_ZONE);

    private Fixtures() {
    }

    /** CNY {@code amount}. */
    public static Money cny(String amount) {
        return Money.of(CNY, new java.math.BigDecimal(amount));
    }

    /** The {@code n}-th enforcement case of 2025 at the court. */
    public static CaseNumber caseNumber(int n) {
        return CaseNumber.parse("（2025）京02执" + n + "号");
    }

    /** The sub-account of the {@code n}-th case. */
    public static String subAccount(int n) {
        return "8800" + n;
    }

    /** The creditor of the {@code n}-th case. */
    public static String creditor(int n) {
        return "债权人" + n;
    }

    /** The debtor of the {@code n}-th case. */
    public static String debtor(int n) {
        return "债务人" + n;
    }

    /** The creditor's confirmed account for the {@code n}-th case. */
    public static BankDetails creditorAccount(int n) {
        return BankDetails.of(creditor(n), "6222" + n, "工商银行北京分行");
    }

    /** The debtor's account for the {@code n}-th case. */
    public static BankDetails debtorAccount(int n) {
        return BankDetails.of(debtor(n), "6228" + n, "农业银行北京分行");
    }

    /** The court's first staff administrators. */
    public static List<StaffMember> firstAdministrators() {
        return List.of(StaffMember.of(STAFF_ADMIN.id(), "陈系统", "S001"), StaffMember.of(SECOND_STAFF_ADMIN.id(), "林系统", "S002"));
    }

    /** Everyone the tests act as or approve as, with their staff numbers and the role each holds. */
    public static final List<Staff> STAFF = List.of(
            new Staff(FINANCE.id(), "李财务", "0101", Role.FINANCE),
            new Staff(ADMINISTRATOR.id(), "王专管", "0102", Role.FUND_ADMINISTRATOR),
            new Staff(HANDLER.id(), "赵法官", "0103", Role.HANDLER),
            new Staff(OTHER_HANDLER.id(), "钱法官", "0104", Role.HANDLER),
            new Staff(HEAD.id(), "孙庭长", "0105", Role.DIVISION_HEAD),
            new Staff(BY_DIRECTOR.approverId(), "周局长", "0106", Role.BUREAU_DIRECTOR),
            new Staff(BY_LEADER.approverId(), "吴院长", "0107", Role.COURT_LEADER),
            new Staff(AUDITOR.id(), "郑审计", "0108", Role.AUDITOR));

    /** A person of the test court and the role they hold from the opening on. */
    public record Staff(String id, String name, String staffNumber, Role role) {
    }

    /** Opens a ledger for the test court on {@code day}, named by the first administrators. */
    public static Command openLedger(String key, LocalDate day) {
        return Command.of(key, STAFF_ADMIN, day, new OpenLedger(COURT, "北京市第二中级人民法院", firstAdministrators()));
    }

    /** Registers {@code staff} and grants their roles from {@code day} on, each approved by the second administrator. */
    public static List<Command> staffing(LocalDate day, List<Staff> staff) {
        List<Command> commands = new ArrayList<>();
        for (Staff person : staff) {
            commands.addAll(StaffCommands.hire(STAFF_ADMIN, BY_SECOND_STAFF_ADMIN, day,
                    StaffMember.of(person.id(), person.name(), person.staffNumber()), person.role()));
        }
        return commands;
    }

    /** How many events {@link #opening()} appends. */
    public static final int OPENING_EVENTS = opening().size();

    /**
     * The sequence of the {@code k}-th event after the opening: the examples name events and lots by
     * their place after it ({@code afterOpening(1)} is the first case, {@code afterOpening(2)} the
     * first receipt and its lot {@code afterOpening(2)}.1).
     */
    public static long afterOpening(int k) {
        return OPENING_EVENTS + k;
    }

    /** The opening of the test court's ledger: the staff register, a CNY and a USD master account. */
    public static List<Command> opening() {
        return opening(DAY_ONE);
    }

    /** The opening of the test court's ledger on {@code day}. */
    public static List<Command> opening(LocalDate day) {
        List<Command> commands = new ArrayList<>();
        commands.add(openLedger("open", day));
        commands.addAll(staffing(day, STAFF));
        commands.addAll(bankAccounts(day));
        return commands;
    }

    /** The test court's CNY and USD master accounts, registered on {@code DAY_ONE}. */
    public static List<Command> bankAccounts(LocalDate day) {
        return List.of(
                Command.of("bank-cny", FINANCE, day,
                        new RegisterBankAccount(BANK, CNY, "工商银行北京分行", "北京市第二中级人民法院执行款专户")),
                Command.of("bank-usd", FINANCE, day,
                        new RegisterBankAccount(USD_BANK, USD, "中国银行北京分行", "北京市第二中级人民法院外币执行款专户")));
    }

    /** The division some generated cases and grants belong to. */
    public static final String DIVISION = "执行一庭";

    /** Opens the {@code n}-th case for {@code handler} with its creditor's account confirmed. */
    public static Command openCase(String key, Actor handler, int n, LocalDate date) {
        return openCase(key, handler, n, date, Optional.empty());
    }

    /** Opens the {@code n}-th case of {@code division} for {@code handler}, its creditor's account confirmed. */
    public static Command openCase(String key, Actor handler, int n, LocalDate date, Optional<String> division) {
        return Command.of(key, handler, date, new OpenCase(caseNumber(n), subAccount(n), handler.id(),
                List.of(Party.creditor(creditor(n)), Party.debtor(debtor(n))), List.of(creditorAccount(n)), division))
                .approvedBy(handler.has(Role.DIVISION_HEAD) ? BY_DIRECTOR : BY_HEAD);
    }

    /** A ledger over a new in-memory store, opened with {@link #opening()}. */
    public static Ledger openedLedger() {
        return openedLedger(new InMemoryJournalStore());
    }

    /** A ledger over {@code store}, opened with {@link #opening()}. */
    public static Ledger openedLedger(JournalStore store) {
        Ledger ledger = Ledger.open(store, Policy.defaults(), CLOCK);
        for (Command command : opening()) {
            ledger.execute(command);
        }
        return ledger;
    }
}
