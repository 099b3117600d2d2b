package org.casefunds.ledger.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** Fresh SQLite ledger files in a temporary folder, one per call. */
final class TemporaryLedgers {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static Path folder;

    private TemporaryLedgers() {
    }

    /** A path for a new ledger file that does not exist yet. */
    static synchronized Path newFile() {
        try {
            if (folder == null) {
                folder = Files.createTempDirectory("casefunds-test-");
                folder.toFile().deleteOnExit();
            }
            return folder.resolve("ledger-" + COUNTER.incrementAndGet() + ".db");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A store on a new file; durability is off, which tests that do not kill processes can afford. */
    static SqlJournalStore newStore() {
        return SqlLedger.sqlite(newFile(), SqliteOptions.defaults().withSynchronous(SqliteOptions.Synchronous.OFF));
    }
}
