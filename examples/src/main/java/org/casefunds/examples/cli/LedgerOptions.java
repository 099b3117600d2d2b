package org.casefunds.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.InstantSource;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.calendar.WorkingDayCalendar;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.reports.CourtReports;
import org.casefunds.ledger.sql.IntegrityRecord;
import org.casefunds.ledger.sql.SqlLedger;
import org.casefunds.ledger.sql.SqliteOptions;
import picocli.CommandLine.Option;

/** The options every command that opens a ledger file takes. */
final class LedgerOptions {
    @Option(names = "--db", required = true, paramLabel = "FILE", description = "The ledger file (SQLite).")
    Path db;

    @Option(names = "--policy", paramLabel = "FILE|PRESET",
            description = "What if: compute the reports under this policy (a file or a preset) on every date instead"
                + " of the policies the ledger adopted; every figure is labelled as such. Default: as recorded.")
    String whatIfPolicy;

    @Option(names = "--synchronous", paramLabel = "LEVEL", defaultValue = "FULL",
            description = "SQLite's commit durability: FULL (default, survives a power cut) or NORMAL.")
    SqliteOptions.Synchronous synchronous;

    /** The policy commands are decided under where the journal records none: the default preset. */
    Policy policy() {
        return Policy.defaults();
    }

    SqliteOptions sqliteOptions() {
        return SqliteOptions.defaults().withSynchronous(synchronous);
    }

    /**
     * The existing ledger file, opened to write commands to it. A command is decided under the
     * policy the ledger adopted, so a "what if" policy is refused here rather than ignored. A file
     * whose pages were found damaged ({@link IntegrityRecord}) is refused until it is restored.
     */
    Ledger openForWriting() {
        refuseWhatIf();
        requireFile();
        return create();
    }

    /** The ledger file, created if it does not exist, to write commands to it. */
    Ledger createForWriting() {
        refuseWhatIf();
        return create();
    }

    void refuseWhatIf() {
        if (whatIfPolicy != null) {
            throw new Casefunds.BadInput("--policy " + whatIfPolicy + ": a command is decided under the policy the"
                    + " ledger adopted, never a \"what if\"; adopt a policy with `casefunds policy adopt FILE|PRESET"
                    + " --from DATE`, and use --policy with the reading commands (double-zero, report, calendar check)");
        }
    }

    /**
     * The existing ledger file, opened read-only for the commands that only read it (verify, the
     * reports, export, reconcile, digest, ...): SQLite's {@code mode=ro} ({@code immutable=1} on a
     * read-only copy), no schema created or migrated, the journal mode untouched, and everything the
     * command reads in one snapshot, while writers go on beside it.
     */
    Ledger openForReading() {
        requireFile();
        return Ledger.open(SqlLedger.sqliteReadOnly(db, sqliteOptions()), policy(), Clock.systemUTC());
    }

    /** The last event of the snapshot {@code opened} (from {@link #openForReading()}) reads. */
    static long snapshotSequence(Ledger opened) {
        return SqlLedger.store(opened).snapshotSequence().orElseThrow();
    }

    private void requireFile() {
        if (!Files.isRegularFile(db)) {
            throw new Casefunds.BadInput("there is no ledger file at " + db
                    + "; create one with `casefunds init --db " + db + " ...` or `casefunds demo --db " + db + "`");
        }
    }

    /** The ledger file, created if it does not exist. */
    Ledger create() {
        return create(db, Clock.systemUTC());
    }

    /** The ledger file {@code file} (created if it does not exist), recording events at {@code clock}'s instants. */
    Ledger create(Path file, InstantSource clock) {
        return Ledger.open(SqlLedger.sqlite(file, sqliteOptions()), policy(), clock);
    }

    /**
     * The court's reports over {@code ledger}, computed by set-based queries under the calendar and
     * policies the journal records, or under {@code --policy} on every date (what if).
     */
    CourtReports reports(Ledger ledger) {
        CourtReports reports = SqlLedger.reports(ledger, WorkingDayCalendar.china());
        return whatIfPolicy == null ? reports : reports.whatIf(PolicyCommand.fileOrPreset(whatIfPolicy));
    }
}
