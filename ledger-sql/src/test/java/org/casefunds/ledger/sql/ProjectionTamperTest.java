package org.casefunds.ledger.sql;

import static org.casefunds.ledger.testing.Fixtures.ADMINISTRATOR;
import static org.casefunds.ledger.testing.Fixtures.BANK;
import static org.casefunds.ledger.testing.Fixtures.BY_HEAD;
import static org.casefunds.ledger.testing.Fixtures.DAY_ONE;
import static org.casefunds.ledger.testing.Fixtures.FINANCE;
import static org.casefunds.ledger.testing.Fixtures.HANDLER;
import static org.casefunds.ledger.testing.Fixtures.caseNumber;
import static org.casefunds.ledger.testing.Fixtures.cny;
import static org.casefunds.ledger.testing.Fixtures.subAccount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.StorageException;
import org.casefunds.ledger.cases.BankDetails;
import org.casefunds.ledger.commands.Command;
import org.casefunds.ledger.commands.IssuePayoutNotice;
import org.casefunds.ledger.commands.RecordReceipt;
import org.casefunds.ledger.commands.RetireBankAccount;
import org.casefunds.ledger.events.Payer;
import org.casefunds.ledger.events.ReceiptSource;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Goal: an edit of the projection tables with nothing but SQL (no trigger dropped, no hash
 * recomputed) never steers a decision and never passes the audit: the attacker's account added to a
 * case's payees, two cases' sub-accounts swapped, a retired master account made active again, a
 * confirmed payee's account replaced.
 *
 * <p>Method: a small court on a SQLite file; each edit is made through JDBC while the ledger is
 * closed; the ledger is reopened, the command the edit was made for is refused before it is
 * decided and nothing is appended, and the audit names the table, the row and the column.
 */
class ProjectionTamperTest {
    private static final BankDetails ATTACKER = BankDetails.of("债权人1", "6299999999", "某银行");

    private static Ledger ledger(Path file) {
        return Ledger.open(SqlLedger.sqlite(file), Policy.defaults(), Fixtures.CLOCK);
    }

    /** A court with two cases, a receipt on case 1, and a retired second master account. */
    private static Path court() {
        Path file = TemporaryLedgers.newFile();
        try (Ledger ledger = ledger(file)) {
            Fixtures.opening().forEach(ledger::execute);
            ledger.execute(Fixtures.openCase("case-1", HANDLER, 1, DAY_ONE));
            ledger.execute(Fixtures.openCase("case-2", HANDLER, 2, DAY_ONE));
            ledger.execute(receipt("r1", "SN1", subAccount(1)));
            ledger.execute(Command.of("retire-usd", FINANCE, DAY_ONE, new RetireBankAccount(Fixtures.USD_BANK, "销户")));
        }
        return file;
    }

    private static Command receipt(String key, String serial, String subAccountNumber) {
        return Command.of(key, ADMINISTRATOR, DAY_ONE.plusDays(1), RecordReceipt.of(BANK, serial, cny("1000.00"),
                Payer.of("债务人1", null, null), null, ReceiptSource.DEBTOR_PAYMENT, subAccountNumber));
    }

    private static void sql(Path file, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            for (String each : statements) {
                statement.executeUpdate(each);
            }
        }
    }

    private static String caseBody(Path file, int n) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                PreparedStatement read = connection.prepareStatement("SELECT body FROM case_record WHERE case_number = ?")) {
            read.setString(1, caseNumber(n).toString());
            try (ResultSet row = read.executeQuery()) {
                assertTrue(row.next());
                return PackedSql.text(row.getBytes(1));
            }
        }
    }

    private static void setCaseBody(Path file, int n, String body) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                PreparedStatement write = connection.prepareStatement("UPDATE case_record SET body = ? WHERE case_number = ?")) {
            write.setBytes(1, PackedSql.pack(body));
            write.setString(2, caseNumber(n).toString());
            assertEquals(1, write.executeUpdate());
        }
    }

    /** The command is refused before its decision; the journal is as it was; the audit names the edit. */
    private static void refusedAndNamed(Path file, Command command, String table, String column) {
        try (Ledger ledger = ledger(file)) {
            long before = ledger.view().lastSequence();
            StorageException refused = assertThrows(StorageException.class, () -> ledger.execute(command));
            assertEquals(ErrorCode.INTEGRITY_VIOLATION, refused.code(), refused.getMessage());
            assertTrue(refused.getMessage().contains("its tables differ from its journal"), refused.getMessage());
            assertTrue(refused.getMessage().contains(table + " row"), refused.getMessage());
            assertEquals(before, ledger.view().lastSequence(), "nothing appended");
            LedgerAudit.Result audit = SqlLedger.audit(ledger);
            assertFalse(audit.ok(), audit.toString());
            LedgerAudit.Check rows = audit.checks().stream().filter(check -> check.name().equals("every projection row"))
                    .findFirst().orElseThrow();
            assertFalse(rows.ok(), rows.detail());
            assertTrue(rows.detail().contains(table + " row") && rows.detail().contains("column " + column), rows.detail());
        }
    }

    @Test
    void anUntouchedLedgerPassesAndItsRowsAreCounted() {
        Path file = court();
        try (Ledger ledger = ledger(file)) {
            LedgerAudit.Result audit = SqlLedger.audit(ledger);
            assertTrue(audit.ok(), audit.toString());
            ledger.execute(receipt("r2", "SN2", subAccount(2)));
        }
    }

    @Test
    void anAccountAddedToACasesPayeesIsFoundBeforeThePayoutToIt() throws SQLException {
        Path file = court();
        String body = caseBody(file, 1);
        // The payee list of the case's canonical text, one more entry: what sqlite3 alone can do.
        String added = body.replace("payees.size=1", "payees.size=2")
                + "payees.1.accountNumber=" + ATTACKER.accountNumber() + "\npayees.1.bank=" + ATTACKER.bank()
                + "\npayees.1.holder=" + ATTACKER.holder() + "\n";
        setCaseBody(file, 1, added);
        Command payout = Command.of("pay", HANDLER, DAY_ONE.plusDays(2), IssuePayoutNotice.of(caseNumber(1), ATTACKER,
                cny("900.00"))).approvedBy(BY_HEAD);
        refusedAndNamed(file, payout, "case_record", "body");
    }

    @Test
    void swappedSubAccountsAreFoundBeforeAReceiptIsRouted() throws SQLException {
        Path file = court();
        sql(file, "UPDATE case_record SET sub_account = 'x' WHERE sub_account = '" + subAccount(1) + "'",
                "UPDATE case_record SET sub_account = '" + subAccount(1) + "' WHERE sub_account = '" + subAccount(2) + "'",
                "UPDATE case_record SET sub_account = '" + subAccount(2) + "' WHERE sub_account = 'x'");
        refusedAndNamed(file, receipt("r2", "SN2", subAccount(2)), "case_record", "sub_account");
    }

    @Test
    void aRetiredAccountMadeActiveAgainIsFound() throws SQLException {
        Path file = court();
        sql(file, "UPDATE bank_account SET retired = 0 WHERE number = '" + Fixtures.USD_BANK + "'");
        refusedAndNamed(file, receipt("r2", "SN2", subAccount(2)), "bank_account", "retired");
    }

    @Test
    void aConfirmedPayeesAccountReplacedIsFound() throws SQLException {
        Path file = court();
        setCaseBody(file, 1, caseBody(file, 1).replace(Fixtures.creditorAccount(1).accountNumber(),
                ATTACKER.accountNumber()));
        refusedAndNamed(file, receipt("r2", "SN2", subAccount(1)), "case_record", "body");
        try (Ledger ledger = ledger(file)) {
            assertEquals(cny("1000.00"), ledger.balance(AccountId.ofCase(caseNumber(1)), Fixtures.CNY).posted(),
                    "the case's money is where the journal put it");
        }
    }

    @Test
    void theDifferencesNameTheTableTheRowAndTheColumn() throws SQLException {
        Path file = court();
        sql(file, "UPDATE balance SET posted_minor = posted_minor + 1 WHERE account = 'case:" + caseNumber(1) + "'",
                "DELETE FROM receipt WHERE receipt_key = 'r1'");
        try (Ledger ledger = ledger(file)) {
            LedgerAudit.Check rows = SqlLedger.audit(ledger).checks().stream()
                    .filter(check -> check.name().equals("every projection row")).findFirst().orElseThrow();
            assertFalse(rows.ok());
            for (String named : List.of("balance row (account=case:" + caseNumber(1) + ", currency=CNY) column posted_minor",
                    "receipt row (receipt_key=r1): in the journal, missing from the file")) {
                assertTrue(rows.detail().contains(named), rows.detail());
            }
        }
    }

    @Test
    void theCheckAskedForAtStartIsTheFirstWritesCheckAndRunsOnce() {
        Path file = court();
        try (Ledger ledger = ledger(file)) {
            SqlJournalStore store = SqlLedger.store(ledger);
            long last = ledger.view().lastSequence();
            List<Long> told = new ArrayList<>();
            store.checkBeforeWriting(told::add);
            assertEquals(LongStream.rangeClosed(1, last).boxed().toList(), told, "each event as it was folded");
            ledger.execute(receipt("r2", "SN2", subAccount(2)));
            store.checkBeforeWriting(told::add);
            assertEquals(1, store.projectionChecks(), "neither the first command nor a second call folded again");
            IllegalStateException nested = assertThrows(IllegalStateException.class,
                    () -> store.write(writer -> {
                        store.checkBeforeWriting(told::add);
                        return null;
                    }));
            assertTrue(nested.getMessage().contains("inside a write"), nested.getMessage());
            assertEquals(last, told.size(), "the second call told nothing");
        }
        try (Ledger ledger = ledger(file)) {
            ledger.execute(receipt("r3", "SN3", subAccount(2)));
            assertEquals(1, SqlLedger.store(ledger).projectionChecks(), "without the call, the first write checks");
        }
    }

    @Test
    void theCheckAskedForFindsAnEditAndWritesAreStillRefused() throws SQLException {
        Path file = court();
        sql(file, "UPDATE case_record SET handler = 'someone.else'");
        try (Ledger ledger = ledger(file)) {
            SqlJournalStore store = SqlLedger.store(ledger);
            long before = ledger.view().lastSequence();
            StorageException found = assertThrows(StorageException.class,
                    () -> store.checkBeforeWriting(sequence -> { }));
            assertEquals(ErrorCode.INTEGRITY_VIOLATION, found.code(), found.getMessage());
            assertTrue(found.getMessage().contains("case_record row") && found.getMessage().contains("column handler"),
                    found.getMessage());
            StorageException refused = assertThrows(StorageException.class,
                    () -> ledger.execute(receipt("r2", "SN2", subAccount(2))));
            assertEquals(ErrorCode.INTEGRITY_VIOLATION, refused.code(), refused.getMessage());
            assertEquals(2, store.projectionChecks(), "a failed check is not remembered as passed");
            assertEquals(before, ledger.view().lastSequence(), "nothing appended");
        }
    }

    @Test
    void aRebuildThatFailsLeavesTheTablesToBeCheckedBeforeTheNextWrite() throws SQLException {
        Path file = court();
        sql(file, "UPDATE case_record SET handler = 'someone.else'",
                "CREATE TRIGGER lots_kept BEFORE DELETE ON lot BEGIN SELECT RAISE(ABORT, 'lots are kept'); END");
        try (Ledger ledger = ledger(file)) {
            SqlJournalStore store = SqlLedger.store(ledger);
            long before = ledger.view().lastSequence();
            RuntimeException failed = assertThrows(RuntimeException.class, store::rebuildProjections);
            assertTrue(String.valueOf(failed.getMessage()).contains("lots are kept"), failed.toString());
            StorageException refused = assertThrows(StorageException.class,
                    () -> ledger.execute(receipt("r2", "SN2", subAccount(2))));
            assertEquals(ErrorCode.INTEGRITY_VIOLATION, refused.code(), refused.getMessage());
            assertEquals(before, ledger.view().lastSequence(), "nothing appended on the edited tables");
        }
    }

    @Test
    void theCheckReadsTheSetsOfKeysAndTheyLearnWhatAnotherWriterAppendsAfter() {
        Path file = court();
        try (Ledger checking = ledger(file); Ledger other = ledger(file)) {
            SqlJournalStore store = SqlLedger.store(checking);
            store.checkBeforeWriting(sequence -> { });
            // Between the check and the first write: the sets must catch up from the snapshot's head.
            long beforeFirst = other.execute(receipt("r2", "SN2", subAccount(2))).event().sequence();
            var known = checking.execute(receipt("r2", "SN2", subAccount(2)));
            assertTrue(known.repeated(), "a command appended after the check is known by its key, not done twice");
            assertEquals(beforeFirst, known.event().sequence());
            assertEquals(ErrorCode.ALREADY_EXISTS, assertThrows(org.casefunds.ledger.base.LedgerException.class,
                    () -> checking.execute(receipt("r3", "SN2", subAccount(2)))).code(), "its bank serial is known");
            long first = checking.execute(receipt("r4", "SN4", subAccount(2))).event().sequence();
            assertEquals(beforeFirst + 1, first);
            assertEquals(0, store.keySetsReadByCommands(), "the first commands read no set of keys themselves");
            // After the first write: the head the working set follows.
            long appended = other.execute(receipt("r5", "SN5", subAccount(1))).event().sequence();
            assertEquals(first + 1, appended);
            var again = checking.execute(receipt("r5", "SN5", subAccount(1)));
            assertTrue(again.repeated(), "the other writer's command is known by its key, not done twice");
            assertEquals(appended, again.event().sequence());
            var duplicate = assertThrows(org.casefunds.ledger.base.LedgerException.class,
                    () -> checking.execute(receipt("r6", "SN5", subAccount(1))));
            assertEquals(ErrorCode.ALREADY_EXISTS, duplicate.code(), duplicate.getMessage());
            assertEquals(appended, checking.view().lastSequence(), "nothing appended twice");
            assertEquals(0, store.keySetsReadByCommands(), "the sets learnt the other's keys without reading again");
            assertTrue(SqlLedger.audit(checking).ok());
        }
    }

    @Test
    void anotherWriterGoesOnWhileTheTablesAreChecked() {
        Path file = court();
        SqliteOptions impatient = SqliteOptions.defaults().withBusyTimeout(Duration.ofMillis(200));
        try (Ledger checking = ledger(file);
                Ledger other = Ledger.open(SqlLedger.sqlite(file, impatient), Policy.defaults(), Fixtures.CLOCK)) {
            other.execute(receipt("r2", "SN2", subAccount(2)));
            long before = other.view().lastSequence();
            List<Long> appended = new ArrayList<>();
            SqlLedger.store(checking).checkBeforeWriting(sequence -> {
                if (sequence == 1) {
                    // Midway through the fold, another process's writer commits: it is not kept waiting.
                    appended.add(other.execute(receipt("r3", "SN3", subAccount(2))).event().sequence());
                }
            });
            assertEquals(List.of(before + 1), appended);
            long next = checking.execute(receipt("r4", "SN4", subAccount(1))).event().sequence();
            assertEquals(before + 2, next, "the checked store decides after the other's append");
            assertEquals(1, SqlLedger.store(checking).projectionChecks());
            assertTrue(SqlLedger.audit(checking).ok());
        }
    }
}
