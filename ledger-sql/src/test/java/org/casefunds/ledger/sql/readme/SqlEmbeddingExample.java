package org.casefunds.ledger.sql.readme;

import org.casefunds.ledger.staff.StaffMember;
import org.casefunds.ledger.commands.RegisterStaff;
import org.casefunds.ledger.commands.GrantRole;
import org.casefunds.ledger.approvals.Approval;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.approvals.Actor;
import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.calendar.WorkingDayCalendar;
import org.casefunds.ledger.commands.Command;
import org.casefunds.ledger.commands.OpenLedger;
import org.casefunds.ledger.commands.RecordReceipt;
import org.casefunds.ledger.commands.RegisterBankAccount;
import org.casefunds.ledger.events.Payer;
import org.casefunds.ledger.events.ReceiptSource;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.reports.CourtReports;
import org.casefunds.ledger.reports.DoubleZero;
import org.casefunds.ledger.sql.SqlLedger;
import org.casefunds.ledger.store.JournalStore;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/** The README's SQL embedding example, verbatim between the markers; {@code SqlReadmeTest} runs it. */
final class SqlEmbeddingExample {
    private SqlEmbeddingExample() {
    }

    /** What the example computes, for the test to check. */
    record Figures(DoubleZero onSqlite, DoubleZero onPostgres) {
    }

    static Figures run(Path folder, DataSource dataSource) {
        CurrencyUnit cny = CurrencyUnit.of("CNY");
        LocalDate day = LocalDate.of(2025, 3, 3);
        Actor finance = Actor.of("fin.li", Role.FINANCE);
        Actor clerk = Actor.of("adm.wang", Role.FUND_ADMINISTRATOR);
        Actor admin = Actor.of("sys.chen", Role.STAFF_ADMINISTRATOR);
        Approval secondAdmin = Approval.of("sys.lin", Role.STAFF_ADMINISTRATOR);
        List<Command> opening = List.of(
                Command.of("open-ledger", admin, day, new OpenLedger("京02", "北京市第二中级人民法院",
                        List.of(StaffMember.of("sys.chen", "陈静", "S001"), StaffMember.of("sys.lin", "林涛", "S002")))),
                Command.of("staff:fin.li", admin, day, new RegisterStaff(StaffMember.of("fin.li", "李会计", "0101")))
                        .approvedBy(secondAdmin),
                Command.of("role:fin.li", admin, day, GrantRole.of("fin.li", Role.FINANCE, day)).approvedBy(secondAdmin),
                Command.of("staff:adm.wang", admin, day, new RegisterStaff(StaffMember.of("adm.wang", "王专管", "0102")))
                        .approvedBy(secondAdmin),
                Command.of("role:adm.wang", admin, day, GrantRole.of("adm.wang", Role.FUND_ADMINISTRATOR, day))
                        .approvedBy(secondAdmin),
                Command.of("bank-1", finance, day, new RegisterBankAccount("110060001", cny, "工商银行", "执行款专户")),
                Command.of("bank:110060001:SN0009", clerk, day, RecordReceipt.of("110060001", "SN0009",
                        Money.of(cny, 3_000), Payer.of("王五", null, null), "货款", ReceiptSource.DEBTOR_PAYMENT, null)));
        Path file = folder.resolve("court.db");
        // README-SQL-BEGIN
        // SQLite: one file, created and migrated on first use; WAL, synchronous=FULL, one writer.
        try (Ledger ledger = SqlLedger.open(file, Policy.defaults())) {
            ledger.executeAll(opening); // one transaction: all of them, or none
            CourtReports reports = SqlLedger.reports(ledger, WorkingDayCalendar.china());
            DoubleZero march = reports.doubleZero(LocalDate.of(2025, 3, 31)); // set-based queries
        }

        // PostgreSQL: one schema per court on a shared server, the same code and schema.
        JournalStore store = SqlLedger.postgres(dataSource, "court_bj02");
        try (Ledger ledger = Ledger.open(store, Policy.defaults(), Clock.systemUTC())) {
            SqlLedger.store(ledger).checkBeforeWriting(sequence -> { }); // at start: tables against journal
            ledger.executeAll(opening);
        }
        // README-SQL-END
        try (Ledger sqlite = SqlLedger.open(file, Policy.defaults());
                Ledger postgres = Ledger.open(SqlLedger.postgres(dataSource, "court_bj02"), Policy.defaults(),
                        Clock.systemUTC())) {
            LocalDate march = LocalDate.of(2025, 3, 31);
            return new Figures(SqlLedger.reports(sqlite, WorkingDayCalendar.china()).doubleZero(march),
                    SqlLedger.reports(postgres, WorkingDayCalendar.china()).doubleZero(march));
        }
    }
}
