package org.casefunds.examples.cli;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.base.IntegrityException;
import org.casefunds.ledger.base.StorageException;
import org.casefunds.ledger.digest.DigestCheck;
import org.casefunds.ledger.digest.JournalTree;
import org.casefunds.ledger.formats.Json;
import org.casefunds.ledger.formats.digest.DigestFile;
import org.casefunds.ledger.formats.digest.DigestKeys;
import org.casefunds.ledger.formats.digest.FileCheck;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.sql.IntegrityRecord;
import org.casefunds.ledger.sql.LedgerAudit;
import org.casefunds.ledger.sql.SqlLedger;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code casefunds verify}: the checks an auditor runs on a ledger, and a digest they kept. */
@CommandLine.Command(name = "verify", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
        description = {"Verifies a ledger: (1) page integrity: SQLite's own integrity_check of every page and"
            + " index (on PostgreSQL, amcheck where it is installed), (2) the hash chain of every event and the posting rows beside it, (3) the trial balance of"
            + " every posting, (4) the control identity (bank = cases + unidentified + in transit + fees), (5)"
            + " authority: every actor and approver held their role on the event's date, (6) lots on every date:"
            + " no lot is taken from or removed on a day before its money was there, (7) a replay of the journal"
            + " equals the balances, lots, daily changes, receipts, disbursements, cases and deferrals the file keeps,"
            + " (8) every projection row equals the journal folded afresh.",
            "The replay uses only what each event recorded, in memory bounded by the accounts and lots, not by the"
                + " journal. Exit code 0 only when all hold; otherwise the failures are named.",
            "The ledger is opened read-only (a file's copy in a read-only folder will do; a PostgreSQL schema in a"
                + " read-only transaction) and read in one snapshot: a writer"
                + " going on beside it is neither blocked nor seen half-way, and the output names the event the"
                + " snapshot ends at. When a file's page integrity fails, the finding is recorded beside it (FILE"
                + IntegrityRecord.SUFFIX + ", where the folder can be written), and `apply` refuses the file until it"
                + " is restored from a backup and verifies again.",
            "With --digest FILE (from `casefunds digest --out`), it also proves the journal still begins with exactly"
                + " the events the digest covered: the Merkle root of its first events is the digest's, shown by an"
                + " RFC 6962 consistency proof from the digest's tree to today's. A journal rewritten since, even"
                + " consistently, fails, naming the first event that differs when the file kept the event hashes."
                + " --key checks the digest's signature against a public key you trust.",
            "It always prints the head it checked: the number of events and the last event's hash."})
final class VerifyCommand implements Callable<Integer> {
    @Mixin
    LedgerOptions ledger;

    @Option(names = "--json", description = "Print the outcome as JSON: {ok, events, head: {sequence, hash}, checks:"
            + " [{name, ok, detail}], digest: {...}}.")
    boolean json;

    @Option(names = "--digest", paramLabel = "FILE", description = "A digest file to check the journal against.")
    Path digest;

    @Option(names = "--key", paramLabel = "PUBLIC_PEM",
            description = "The public key (X.509 PEM) the digest must be signed with.")
    Path key;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (key != null && digest == null) {
            throw new Casefunds.BadInput("--key " + key + ": the key checks a digest's signature; add --digest FILE");
        }
        Optional<DigestFile> kept = Optional.ofNullable(digest).map(file -> DigestFile.read(file, "--digest"));
        Optional<PublicKey> trusted = Optional.ofNullable(key).map(file -> DigestKeys.readPublic(file, "--key"));
        Optional<FileCheck> signature = kept.map(file -> file.checkSignature(trusted, "--key"));
        LedgerAudit.Result result;
        List<LedgerAudit.Check> checks;
        Optional<DigestCheck> compared = Optional.empty();
        String headHash;
        long snapshot;
        Map<String, Object> changedEvent = new LinkedHashMap<>();
        try (Ledger opened = ledger.openForReading()) {
            snapshot = LedgerOptions.snapshotSequence(opened);
            if (kept.isPresent()) {
                compared = compare(opened, kept.get());
            }
            try (TerminalProgress progress = TerminalProgress.startIfLong("verifying", "events", snapshot)) {
                progress.stage(stage(LedgerAudit.Reading.REPLAY));
                result = SqlLedger.audit(opened, (reading, events) -> progress.stepTo(events));
            }
            checks = new ArrayList<>(result.checks());
            headHash = hashOf(opened, result.events());
            if (signature.isPresent()) {
                checks.add(new LedgerAudit.Check("digest signature", signature.get().ok(), signature.get().detail()));
            }
            if (kept.isPresent()) {
                String detail = compared.map(DigestCheck::detail).orElse("not compared: the journal's hash chain is"
                        + " broken (see the hash chain check)");
                if (compared.isPresent() && compared.get().firstDifferentEvent().isPresent()) {
                    long sequence = compared.get().firstDifferentEvent().getAsLong();
                    changedEvent.put("sequence", sequence);
                    if (sequence <= compared.get().journalSequence()) {
                        String now = describe(opened, sequence);
                        changedEvent.put("now", now);
                        detail = detail + "; event " + sequence + " is now " + now;
                    }
                }
                checks.add(new LedgerAudit.Check("digest", compared.map(DigestCheck::ok).orElse(false), detail));
            }
        }
        boolean ok = checks.stream().allMatch(LedgerAudit.Check::ok);
        Optional<String> record = keepIntegrityRecord(result);
        var out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> outcome = new LinkedHashMap<>();
            outcome.put("ok", ok);
            outcome.put("events", result.events());
            outcome.put("head", Map.of("sequence", result.events(), "hash", headHash));
            outcome.put("snapshot", Map.of("sequence", snapshot));
            outcome.put("checks", checks);
            record.ifPresent(said -> outcome.put("integrityRecord", said));
            if (kept.isPresent()) {
                Map<String, Object> digestShown = new LinkedHashMap<>();
                digestShown.put("file", digest.toString());
                digestShown.put("digest", kept.get().digest());
                digestShown.put("ok", compared.map(DigestCheck::ok).orElse(false));
                if (!changedEvent.isEmpty()) {
                    digestShown.put("firstDifferentEvent", changedEvent);
                }
                digestShown.put("signature", signature.map(FileCheck::detail).orElse(""));
                outcome.put("digest", digestShown);
            }
            out.println(Json.MAPPER.writeValueAsString(outcome));
        } else {
            printChecks(checks, out);
            out.printf("Head checked: %d events, last hash %s%n", result.events(), headHash);
            out.printf("Read in one snapshot of %s, up to event %d; what was committed after it is not in it.%n",
                    ledger.describe(), snapshot);
            record.ifPresent(out::println);
            if (kept.isPresent()) {
                out.printf("Digest: %s, court %s, %d events, root %s, made at %s%n", digest,
                        kept.get().digest().court(), kept.get().digest().sequence(), kept.get().digest().merkleRoot(),
                        kept.get().digest().madeAt());
            }
            out.println(ok ? (kept.isPresent() ? "The ledger verifies, and still begins with exactly the events of the"
                    + " digest." : "The ledger verifies.") : "The ledger does NOT verify: " + checks.stream()
                    .filter(check -> !check.ok()).findFirst().map(LedgerAudit.Check::name).orElse("?")
                    + " failed first.");
        }
        return ok ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    /** The name a progress bar gives a reading of the journal: "replay". */
    private static String stage(LedgerAudit.Reading reading) {
        return reading.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** The checks as a table: name, ok or FAILED, detail. */
    static void printChecks(List<LedgerAudit.Check> checks, java.io.PrintWriter out) {
        Table table = new Table("check", "result", "detail");
        checks.forEach(check -> table.row(check.name(), check.ok() ? "ok" : "FAILED", check.detail()));
        table.print(out);
    }

    /**
     * Records a failed page integrity check beside the file, so that no command is applied to it
     * until it is restored; removes the record when the check passes again (the file was restored).
     * What was done, said for the output; empty when there was nothing to do. A PostgreSQL ledger
     * has no file to record beside: its server's backups restore it.
     */
    private Optional<String> keepIntegrityRecord(LedgerAudit.Result result) {
        Optional<LedgerAudit.Check> pages = result.checks().stream()
                .filter(check -> check.name().equals(LedgerAudit.PAGE_INTEGRITY)).findFirst();
        if (pages.isEmpty()) {
            return Optional.empty();
        }
        Optional<Path> file = ledger.file();
        if (file.isEmpty()) {
            return pages.get().ok() ? Optional.empty() : Optional.of("Restore the schema from the PostgreSQL"
                    + " server's backup.");
        }
        Path db = file.get();
        if (!pages.get().ok()) {
            return Optional.of(IntegrityRecord.record(db, pages.get().detail())
                    ? "Recorded in " + IntegrityRecord.pathOf(db) + ". " + IntegrityRecord.HOW_TO_RESTORE
                    : "Not recorded beside the file (its folder cannot be written); restore the ledger from a backup.");
        }
        if (IntegrityRecord.read(db).isPresent()) {
            return Optional.of(IntegrityRecord.clear(db) ? "The pages are sound again: the record "
                    + IntegrityRecord.pathOf(db) + " was removed, and commands can be applied."
                    : "The pages are sound again, but the record " + IntegrityRecord.pathOf(db) + " could not be"
                            + " removed; remove it to apply commands.");
        }
        return Optional.empty();
    }

    /**
     * The journal checked against the digest; empty if the chain is too broken to build its tree (or
     * the file too damaged to read it). A digest of another court is refused here, before the audit
     * reads the journal.
     */
    private static Optional<DigestCheck> compare(Ledger opened, DigestFile kept) {
        JournalTree tree;
        try {
            tree = JournalTree.read(opened.store());
        } catch (IntegrityException | StorageException broken) {
            return Optional.empty();
        }
        return Optional.of(tree.check(kept.digest(), kept.keptTree()));
    }

    /** The hash of event {@code sequence} as stored; 64 zeros for none. */
    private static String hashOf(Ledger opened, long sequence) {
        if (sequence == 0) {
            return Event.GENESIS_HASH;
        }
        try (Stream<Event> events = opened.events(sequence)) {
            return events.findFirst().map(Event::hash).orElse("?");
        } catch (IntegrityException | StorageException unreadable) {
            return "?";
        }
    }

    /** Event {@code sequence} named by its key, kind and date, as far as it reads back. */
    private static String describe(Ledger opened, long sequence) {
        try (Stream<Event> events = opened.events(sequence)) {
            return events.findFirst().filter(event -> event.sequence() == sequence)
                    .map(event -> event.idempotencyKey() + " (" + event.kind() + ", effective "
                            + event.effectiveDate() + ")")
                    .orElse("missing");
        } catch (IntegrityException | StorageException unreadable) {
            return "unreadable: " + unreadable.getMessage();
        }
    }
}
