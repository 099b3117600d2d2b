package org.casefunds.ledger.sql;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.StorageException;

/**
 * The record, beside a SQLite ledger file, that its pages were found damaged: a text file named
 * after it with {@value #SUFFIX} appended ({@code court.db.integrity-failed}), saying when, what
 * was found and how to restore the file. While it is there, the file is not opened for writing
 * ({@link SqlLedger#sqlite}): appending to a damaged file would bury the damage under new events.
 * Reading it (an audit, a report, a backup) goes on.
 *
 * <p>Who records it: an audit whose {@value LedgerAudit#PAGE_INTEGRITY} check failed ({@code
 * casefunds verify}), and a write that met a damaged page. Who removes it: an audit of the same
 * path whose page integrity check passes, which is what a file restored from a backup does.
 *
 * <p>Why a file beside the ledger and not a row in it: the damaged file is the one thing that
 * cannot be trusted to keep the record, an audit opens it read-only, and a record outside it
 * survives the file being replaced by its backup until that backup is checked. Why not SQLite's
 * {@code PRAGMA quick_check} each time the file is opened for writing: it reads every page, which
 * costs time in proportion to the file for every command file applied (measured: 57 ms on the 35 MB
 * demonstration ledger of 14,181 events, with the file in the page cache; at that rate about 4 s for
 * a million events, more from a cold disk), to find what an audit finds as well; and a write that
 * meets a damaged page records it here anyway.
 *
 * <p>This class is thread-safe: it has no state.
 */
public final class IntegrityRecord {
    /** What is appended to the ledger file's name to name its record. */
    public static final String SUFFIX = ".integrity-failed";

    /** How to get a sound file back: in the record, and in every message about it. */
    public static final String HOW_TO_RESTORE = "Nothing is appended to the file until it is restored. Restore it from a"
            + " backup: replace the file with the latest copy made by `casefunds backup` (SqlLedger.backup), then"
            + " run `casefunds verify --db FILE` on it; once its page integrity check passes, verify removes this"
            + " record and commands can be applied again (re-apply those the backup does not hold: a command"
            + " applied twice under its key is applied once).";

    private IntegrityRecord() {
    }

    /** The record's path for the ledger file {@code ledgerFile}. */
    public static Path pathOf(Path ledgerFile) {
        Path absolute = Checks.required(ledgerFile, "ledgerFile").toAbsolutePath();
        return absolute.resolveSibling(absolute.getFileName() + SUFFIX);
    }

    /** The record of {@code ledgerFile}'s damage, if there is one. */
    public static Optional<String> read(Path ledgerFile) {
        try {
            return Optional.of(Files.readString(pathOf(ledgerFile), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("(the record " + pathOf(ledgerFile) + " exists but cannot be read: " + e.getMessage()
                    + ")");
        }
    }

    /**
     * Records that {@code ledgerFile}'s pages were found damaged, with {@code findings}, replacing an
     * earlier record.
     *
     * @return whether it was recorded: false when its folder cannot be written (a read-only copy,
     *     whose damage the auditor reports instead)
     */
    public static boolean record(Path ledgerFile, String findings) {
        Checks.required(findings, "findings");
        Path record = pathOf(ledgerFile);
        String text = "The pages of " + ledgerFile.toAbsolutePath() + " were found damaged at " + Instant.now()
                + ":\n" + findings + "\n\n" + HOW_TO_RESTORE + "\n";
        Path partial = null;
        try {
            partial = Files.createTempFile(record.getParent(), "." + record.getFileName(), ".partial");
            Files.writeString(partial, text, StandardCharsets.UTF_8);
            Files.move(partial, record, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            if (partial != null) {
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException ignored) {
                    // The record itself was not written; a stray temporary file is all that is left.
                }
            }
            return false;
        }
    }

    /**
     * Removes the record of {@code ledgerFile}, once an audit found its pages whole again.
     *
     * @return whether there was a record to remove (false if none, or it cannot be removed)
     */
    public static boolean clear(Path ledgerFile) {
        try {
            return Files.deleteIfExists(pathOf(ledgerFile));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Refuses to open {@code ledgerFile} for writing while its damage is recorded.
     *
     * @throws StorageException ({@link ErrorCode#STORAGE_CORRUPT}) naming the file and the record
     */
    static void refuseWriting(Path ledgerFile) {
        if (!Files.isRegularFile(ledgerFile)) {
            return;
        }
        Optional<String> record = read(ledgerFile);
        if (record.isPresent()) {
            String first = record.get().lines().skip(1).findFirst().orElse("");
            throw new StorageException(ErrorCode.STORAGE_CORRUPT, "file", ledgerFile, "failed its page integrity"
                    + " check (" + first + "; recorded in " + pathOf(ledgerFile) + "). " + HOW_TO_RESTORE);
        }
    }
}
