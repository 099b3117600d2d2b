package org.casefunds.ledger.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.approvals.Actor;
import org.casefunds.ledger.approvals.Approval;
import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.cases.BankDetails;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.cases.Party;
import org.casefunds.ledger.commands.Command;
import org.casefunds.ledger.commands.OpenCase;
import org.casefunds.ledger.commands.OpenLedger;
import org.casefunds.ledger.commands.RegisterBankAccount;
import org.casefunds.ledger.policy.Policy;
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

    public static final Approval BY_HEAD = Approval.of("head.sun", Role.DIVISION_HEAD);
    public static final Approval BY_DIRECTOR = Approval.of("dir.zhou", Role.BUREAU_DIRECTOR);
    public static final Approval BY_LEADER = Approval.of("leader.wu", Role.COURT_LEADER);

    /** A fixed clock: events record the same instant in every run. */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T01:00:00Z"), ZoneOffset.UTC);

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

    /** The opening of the test court's ledger with a CNY and a USD master account. */
    public static List<Command> opening() {
        return List.of(
                Command.of("open", FINANCE, DAY_ONE, new OpenLedger(COURT, "北京市第二中级人民法院")),
                Command.of("bank-cny", FINANCE, DAY_ONE,
                        new RegisterBankAccount(BANK, CNY, "工商银行北京分行", "北京市第二中级人民法院执行款专户")),
                Command.of("bank-usd", FINANCE, DAY_ONE,
                        new RegisterBankAccount(USD_BANK, USD, "中国银行北京分行", "北京市第二中级人民法院外币执行款专户")));
    }

    /** Opens the {@code n}-th case for {@code handler} with its creditor's account confirmed. */
    public static Command openCase(String key, Actor handler, int n, LocalDate date) {
        return Command.of(key, handler, date, new OpenCase(caseNumber(n), subAccount(n), handler.id(),
                List.of(Party.creditor(creditor(n)), Party.debtor(debtor(n))), List.of(creditorAccount(n))));
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
