package org.casefunds.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.casefunds.ledger.base.IntegrityException;
import org.casefunds.ledger.base.StorageException;
import org.casefunds.ledger.formats.Json;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.sql.LedgerAudit;
import org.casefunds.ledger.sql.SqlJournalStore;
import org.casefunds.ledger.sql.SqlLedger;
import org.casefunds.ledger.sql.SqliteOptions;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code casefunds backup}: a consistent copy of a ledger file, taken while it is written, then verified. */
@CommandLine.Command(name = "backup", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
        description = {"Copies a ledger file to a new file: one consistent snapshot of it (SQLite's VACUUM INTO),"
            + " taken while commands are applied beside it, written beside --to and put in its place only once"
            + " complete and on disk. The ledger is opened read-only. --to must not exist: a backup never replaces"
            + " a file.",
            "Then the copy is verified, with every check of `casefunds verify`, and the outcome printed. Exit code 0"
                + " when the copy verifies; 1 when it does not (it is kept, as evidence, but is no backup to restore"
                + " from). Restore by replacing the ledger file with a copy that verifies."})
final class BackupCommand implements Callable<Integer> {
    @Option(names = "--db", required = true, paramLabel = "FILE",
            description = "The ledger file (SQLite). A PostgreSQL ledger is backed up by its server's own tools.")
    String database;

    @Option(names = "--to", required = true, paramLabel = "COPY", description = "The new file to write.")
    Path to;

    @Option(names = "--json", description = "Print the outcome as JSON: {ok, copy, bytes, events, head: {sequence,"
            + " hash}, checks: [{name, ok, detail}]}.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (database.regionMatches(true, 0, "jdbc:", 0, 5)) {
            throw new Casefunds.BadInput("--db " + LedgerOptions.masked(database) + ": backup copies a SQLite ledger"
                    + " file; a ledger in PostgreSQL is backed up with the server's own tools (pg_dump --schema=NAME,"
                    + " or the server's continuous archiving), and checked with `casefunds verify --db URL --schema"
                    + " NAME`");
        }
        Path db = Path.of(database);
        if (!Files.isRegularFile(db)) {
            throw new Casefunds.BadInput("there is no ledger file at " + db + "; name the ledger file to back up");
        }
        if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
            throw new Casefunds.BadInput("--to " + to + " exists; a backup never replaces a file: name a new file,"
                    + " such as --to " + to.resolveSibling(dated(to)));
        }
        Path folder = to.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new Casefunds.BadInput("--to " + to + ": the folder " + folder + " does not exist; create it or"
                    + " choose a file in an existing folder");
        }
        Path copy = SqlLedger.backup(db, to, SqliteOptions.defaults());
        long bytes = size(copy);
        LedgerAudit.Result result;
        long sequence;
        String headHash;
        try (SqlJournalStore store = SqlLedger.sqliteReadOnly(copy, SqliteOptions.defaults())) {
            sequence = store.snapshotSequence().orElseThrow();
            result = LedgerAudit.of(store);
            headHash = headHash(store, sequence);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> outcome = new LinkedHashMap<>();
            outcome.put("ok", result.ok());
            outcome.put("copy", copy.toString());
            outcome.put("bytes", bytes);
            outcome.put("events", result.events());
            outcome.put("head", Map.of("sequence", sequence, "hash", headHash));
            outcome.put("checks", result.checks());
            out.println(Json.MAPPER.writeValueAsString(outcome));
        } else {
            out.printf("Backed up %s to %s: %d bytes, one snapshot up to event %d, last hash %s.%n", db, copy, bytes,
                    sequence, headHash);
            out.println("The copy, verified:");
            VerifyCommand.printChecks(result.checks(), out);
            out.println(result.ok() ? "The copy verifies: it is a backup to restore from." : "The copy does NOT"
                    + " verify: " + firstFailed(result.checks()) + " failed first. It was kept, as evidence of the"
                    + " ledger as it was, but it is no backup to restore from; see `casefunds verify --db " + db + "`.");
        }
        return result.ok() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private static String firstFailed(List<LedgerAudit.Check> checks) {
        return checks.stream().filter(check -> !check.ok()).findFirst().map(LedgerAudit.Check::name).orElse("?");
    }

    /** The name of {@code file} with today's date before its extension: a name for another copy. */
    private static String dated(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String today = Dates.today().toString();
        return dot > 0 ? name.substring(0, dot) + "-" + today + name.substring(dot) : name + "-" + today;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /** The hash of event {@code sequence} of the copy; 64 zeros for none. */
    private static String headHash(SqlJournalStore store, long sequence) {
        if (sequence == 0) {
            return Event.GENESIS_HASH;
        }
        try (Stream<Event> events = store.read(sequence)) {
            return events.findFirst().map(Event::hash).orElse("?");
        } catch (IntegrityException | StorageException unreadable) {
            return "?";
        }
    }
}
