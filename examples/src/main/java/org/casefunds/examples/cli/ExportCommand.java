package org.casefunds.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.formats.Json;
import org.casefunds.ledger.formats.export.AtomicFile;
import org.casefunds.ledger.formats.export.EventsJson;
import org.casefunds.ledger.formats.export.ExportSource;
import org.casefunds.ledger.formats.export.ExportSummary;
import org.casefunds.ledger.formats.export.HledgerJournal;
import org.casefunds.ledger.formats.export.LedgerExport;
import org.casefunds.ledger.formats.export.PostingsCsv;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code casefunds export}: the whole journal as an hledger journal, a CSV file of postings, or JSON. */
@CommandLine.Command(name = "export", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
        description = {"Exports the whole journal for tools that check it independently.",
            "hledger: a journal that hledger 1.25 or later reads, with declared commodities and accounts, one"
                + " transaction per event that moves money (debits positive, credits negative, tagged with the"
                + " event's sequence), and balance assertions for every account at every month end. Accounts:"
                + " assets:bank:<no>, liabilities:case:<case number>, liabilities:unidentified:<no>,"
                + " liabilities:payouts-in-transit, liabilities:refunds-in-transit, liabilities:deposits-in-transit,"
                + " income:court-fees. Check it with `hledger -f FILE check --strict`.",
            "csv: one row per posting: sequence, effective_date, kind, idempotency_key, account, currency, debit,"
                + " credit (UTF-8 with a byte-order mark, so that Excel on Chinese Windows opens it as UTF-8;"
                + " RFC 4180, with a header).",
            "json: one array of every event with all its fields (payload, postings, lot movements, hashes), one"
                + " event per line.",
            "All or nothing: the export goes to a temporary file beside --out, which replaces --out only once it"
                + " is complete; if anything fails, --out is left as it was. Memory does not grow with the journal.",
            "The ledger is opened read-only and read in one snapshot: the export completes while commands are"
                + " applied beside it, and covers the journal up to the event it names."})
final class ExportCommand implements Callable<Integer> {
    @Mixin
    LedgerOptions ledger;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", converter = FormatConverter.class,
            description = "hledger, csv or json.")
    Format format;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "The file to write; replaced if it exists. Its folder must exist.")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The export formats, by the name the option takes. */
    enum Format {
        HLEDGER,
        CSV,
        JSON;

        String optionName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Reads {@code --format}, naming the formats when the value is none of them. */
    static final class FormatConverter implements CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            for (Format each : Format.values()) {
                if (each.optionName().equals(value)) {
                    return each;
                }
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not an export format; use hledger,"
                    + " csv or json");
        }
    }

    @Override
    public Integer call() {
        Path target = checkedTarget();
        try (Ledger opened = ledger.openForReading()) {
            long snapshot = LedgerOptions.snapshotSequence(opened);
            ExportSummary summary;
            try (TerminalProgress progress = TerminalProgress.startIfLong("exporting", "events", snapshot)) {
                ExportSource source = ExportSource.of(opened).reporting(progress::stepTo);
                summary = AtomicFile.write(target, file -> {
                    ExportSummary written = export().write(source, file);
                    // Inside the write, so that an export that saw a changing ledger never replaces --out
                    // (a snapshot does not change: this holds by construction, and is checked all the same).
                    source.requireUnchanged();
                    return written;
                });
            }
            spec.commandLine().getOut().printf("%s: exported %d events as %s to %s: %s; read in one snapshot, up to"
                    + " event %d%n", ledger.describe(), summary.events(), format.optionName(), out, summary.written(),
                    snapshot);
        } catch (IOException e) {
            throw new Casefunds.BadInput("--out " + out + ": cannot write the export (" + e.getMessage()
                    + "); nothing was written", e);
        }
        return ExitCodes.OK;
    }

    private LedgerExport export() {
        switch (format) {
            case HLEDGER:
                return HledgerJournal.of();
            case CSV:
                return PostingsCsv.of();
            case JSON:
                return EventsJson.of(Json.COMPACT);
            default:
                throw new AssertionError(format);
        }
    }

    /** --out, checked before the ledger is opened, so that a wrong option writes nothing. */
    private Path checkedTarget() {
        if (Files.isDirectory(out)) {
            throw new Casefunds.BadInput("--out " + out + " is a folder; name the file to write, such as --out "
                    + out.resolve("ledger." + format.optionName()));
        }
        Path folder = out.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new Casefunds.BadInput("--out " + out + ": the folder " + folder + " does not exist; create it"
                    + " or choose a file in an existing folder");
        }
        Optional<Path> db = ledger.file();
        if (db.isPresent() && Files.exists(out) && Files.exists(db.get()) && isSameFile(out, db.get())) {
            throw new Casefunds.BadInput("--out " + out + " is the ledger file itself (--db); choose another file");
        }
        return out;
    }

    private static boolean isSameFile(Path one, Path other) {
        try {
            return Files.isSameFile(one, other);
        } catch (IOException e) {
            throw new Casefunds.BadInput("--out " + one + ": cannot tell whether it is the ledger file ("
                    + e.getMessage() + ")", e);
        }
    }
}
