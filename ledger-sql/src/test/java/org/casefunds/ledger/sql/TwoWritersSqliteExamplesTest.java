package org.casefunds.ledger.sql;

import java.nio.file.Path;
import java.util.List;
import org.casefunds.ledger.store.JournalStore;

/**
 * Goal: on one SQLite file, a writer that has written decides on what another writer of the file
 * appended since: a receipt claimed, a lot paid out, a case opened, a key used, a notice settled, a
 * deferral lifted, a receipt reversed, a period closed by the other; and a batch refused to it
 * leaves nothing behind in what it decides on. Method: the examples of
 * {@link TwoWritersExamples}, each on a new file with two stores opened separately on it.
 */
class TwoWritersSqliteExamplesTest extends TwoWritersExamples {

    @Override
    List<JournalStore> twoStores() {
        Path file = TemporaryLedgers.newFile();
        JournalStore first = TwoWritersSqlitePropertyTest.store(file);
        return List.of(first, TwoWritersSqlitePropertyTest.store(file));
    }
}
