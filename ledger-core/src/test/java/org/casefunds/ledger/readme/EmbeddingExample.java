package org.casefunds.ledger.readme;

import org.casefunds.ledger.staff.StaffMember;
import org.casefunds.ledger.commands.RegisterStaff;
import org.casefunds.ledger.commands.GrantRole;
import java.util.Map;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.accounts.AccountBalance;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.approvals.Actor;
import org.casefunds.ledger.approvals.Approval;
import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.cases.BankDetails;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.cases.Party;
import org.casefunds.ledger.commands.Command;
import org.casefunds.ledger.commands.IssuePayoutNotice;
import org.casefunds.ledger.commands.OpenCase;
import org.casefunds.ledger.commands.OpenLedger;
import org.casefunds.ledger.commands.RecordReceipt;
import org.casefunds.ledger.commands.RegisterBankAccount;
import org.casefunds.ledger.commands.SettleDisbursement;
import org.casefunds.ledger.events.Payer;
import org.casefunds.ledger.events.ReceiptSource;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.store.InMemoryJournalStore;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/** The embedding example of the README, verbatim between the markers; {@code ReadmeTest} runs it. */
final class EmbeddingExample {
    record Figures(AccountBalance caseNow, List<AccountBalance> onNoticeDay) {
    }

    static Figures run() {
        // README-BEGIN
        Ledger ledger = Ledger.open(new InMemoryJournalStore(), Policy.defaults(), Clock.systemUTC());
        CurrencyUnit cny = CurrencyUnit.of("CNY");
        LocalDate day = LocalDate.of(2025, 3, 3);
        Actor finance = Actor.of("fin.li", Role.FINANCE);
        Actor clerk = Actor.of("adm.wang", Role.FUND_ADMINISTRATOR);
        Actor judge = Actor.of("judge.zhao", Role.HANDLER);

        // The opening names the first two staff administrators; every role is theirs to grant,
        // each grant requested by one and approved by the other (four eyes).
        Actor admin = Actor.of("sys.chen", Role.STAFF_ADMINISTRATOR);
        Approval secondAdmin = Approval.of("sys.lin", Role.STAFF_ADMINISTRATOR);
        ledger.execute(Command.of("open-ledger", admin, day, new OpenLedger("京02", "北京市第二中级人民法院",
                List.of(StaffMember.of("sys.chen", "陈静", "S001"), StaffMember.of("sys.lin", "林涛", "S002")))));
        Map<String, Role> staff = Map.of("fin.li", Role.FINANCE, "adm.wang", Role.FUND_ADMINISTRATOR,
                "judge.zhao", Role.HANDLER, "head.sun", Role.DIVISION_HEAD);
        staff.forEach((id, role) -> {
            ledger.execute(Command.of("staff:" + id, admin, day,
                    new RegisterStaff(StaffMember.of(id, id, "No." + id))).approvedBy(secondAdmin));
            ledger.execute(Command.of("role:" + id, admin, day, GrantRole.of(id, role, day)).approvedBy(secondAdmin));
        });
        ledger.execute(Command.of("bank-1", finance, day,
                new RegisterBankAccount("110060001", cny, "工商银行北京分行", "执行款专户")));

        // One case, one account: the case gets its own sub-account number.
        CaseNumber caseNumber = CaseNumber.parse("(2025)京02执 123"); // stored as （2025）京02执123号
        BankDetails creditor = BankDetails.of("张三", "6222020200001", "工商银行北京分行");
        ledger.execute(Command.of("case-123", judge, day, new OpenCase(caseNumber, "8800123", "judge.zhao",
                List.of(Party.creditor("张三"), Party.debtor("李四")), List.of(creditor)))
                .approvedBy(Approval.of("head.sun", Role.DIVISION_HEAD))); // a payee account needs approval

        // The debtor pays 65,000.00 to the sub-account: the ledger routes it to the case.
        ledger.execute(Command.of("bank:110060001:SN0001", clerk, day, RecordReceipt.of("110060001", "SN0001",
                Money.of(cny, 65_000), Payer.of("李四", "6228480000001", "农业银行"), "还款",
                ReceiptSource.DEBTOR_PAYMENT, "8800123")));

        // The handler sends a payment notice to finance, approved by the division head (four eyes).
        ledger.execute(Command.of("notice-1", judge, day.plusDays(2),
                IssuePayoutNotice.of(caseNumber, creditor, Money.of(cny, 65_000)))
                .approvedBy(Approval.of("head.sun", Role.DIVISION_HEAD)));

        // Finance records the bank's payment: the second phase.
        ledger.execute(Command.of("settle-1", finance, day.plusDays(4),
                new SettleDisbursement("notice-1", "OUT20250307001")));

        AccountBalance caseNow = ledger.balance(AccountId.ofCase(caseNumber), cny);
        List<AccountBalance> onNoticeDay = ledger.balances(day.plusDays(2));
        // README-END
        return new Figures(caseNow, onNoticeDay);
    }

    private EmbeddingExample() {
    }
}
