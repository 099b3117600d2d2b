package org.casefunds.examples;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.access.Actor;
import org.casefunds.ledger.access.Approval;
import org.casefunds.ledger.access.Role;
import org.casefunds.ledger.accounts.AccountBalance;
import org.casefunds.ledger.cases.BankDetails;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.cases.Party;
import org.casefunds.ledger.commands.ClaimUnidentified;
import org.casefunds.ledger.commands.Command;
import org.casefunds.ledger.commands.IssuePayoutNotice;
import org.casefunds.ledger.commands.OpenCase;
import org.casefunds.ledger.commands.OpenLedger;
import org.casefunds.ledger.commands.RecordReceipt;
import org.casefunds.ledger.commands.RegisterBankAccount;
import org.casefunds.ledger.commands.SettleDisbursement;
import org.casefunds.ledger.events.Payer;
import org.casefunds.ledger.events.ReceiptSource;
import org.casefunds.ledger.journal.InMemoryJournalStore;
import org.casefunds.ledger.rules.Policy;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * A short walk through a court's week in memory: cases opened, money arriving routed and
 * unidentified, a claim, payment notices and a bank payment, then every account's balance and the
 * verification of the hash chain.
 */
public final class Demo {
    private static final String BANK = "110060001";

    private Demo() {
    }

    public static void main(String[] arguments) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Ledger ledger = Ledger.open(new InMemoryJournalStore(), Policy.defaults(), Clock.systemUTC());
        CurrencyUnit cny = CurrencyUnit.of("CNY");
        LocalDate monday = LocalDate.of(2025, 3, 3);
        Actor finance = Actor.of("fin.li", Role.FINANCE);
        Actor clerk = Actor.of("adm.wang", Role.FUND_ADMINISTRATOR);
        Actor judge = Actor.of("judge.zhao", Role.HANDLER);
        Approval head = Approval.of("head.sun", Role.DIVISION_HEAD);

        ledger.execute(Command.of("open", finance, monday, new OpenLedger("京02", "北京市第二中级人民法院")));
        ledger.execute(Command.of("bank", finance, monday,
                new RegisterBankAccount(BANK, cny, "工商银行北京分行", "执行款专户")));
        for (int n = 1; n <= 3; n++) {
            CaseNumber caseNumber = CaseNumber.parse("（2025）京02执" + n + "号");
            ledger.execute(Command.of("case-" + n, judge, monday, new OpenCase(caseNumber, "880010" + n,
                    judge.id(), List.of(Party.creditor("债权人" + n), Party.debtor("债务人" + n)),
                    List.of(BankDetails.of("债权人" + n, "62220" + n, "工商银行")))));
        }
        receive(ledger, clerk, monday, "SN001", Money.of(cny, 30_000), "8800101", null);
        receive(ledger, clerk, monday.plusDays(1), "SN002", Money.of(cny, 12_500), null, "还款 (2025)京02执2号");
        receive(ledger, clerk, monday.plusDays(1), "SN003", Money.of(cny, 8_000), null, "货款");
        ledger.execute(Command.of("claim-SN003", clerk, monday.plusDays(2), ClaimUnidentified.of(
                "bank:" + BANK + ":SN003", CaseNumber.parse("（2025）京02执3号"), Money.of(cny, 8_000))));
        ledger.execute(Command.of("notice-1", judge, monday.plusDays(3), IssuePayoutNotice.of(
                CaseNumber.parse("（2025）京02执1号"), BankDetails.of("债权人1", "622201", "工商银行"),
                Money.of(cny, 30_000))).approvedBy(head));
        ledger.execute(Command.of("settle-1", finance, monday.plusDays(4),
                new SettleDisbursement("notice-1", "OUT0001")));

        out.println("Balances on " + monday.plusDays(4) + ":");
        for (AccountBalance balance : ledger.balances(monday.plusDays(4))) {
            out.printf("  %-32s posted %12s  pending %12s%n", balance.account(), balance.posted().getAmount(),
                    balance.pending().getAmount());
        }
        out.println("Hash chain: " + (ledger.verifyChain().ok() ? "verified" : ledger.verifyChain()));
    }

    private static void receive(Ledger ledger, Actor clerk, LocalDate date, String serial, Money amount,
            String subAccount, String memo) {
        ledger.execute(Command.of("bank:" + BANK + ":" + serial, clerk, date, RecordReceipt.of(BANK, serial, amount,
                Payer.of("债务人", null, null), memo, ReceiptSource.DEBTOR_PAYMENT, subAccount)));
    }
}
