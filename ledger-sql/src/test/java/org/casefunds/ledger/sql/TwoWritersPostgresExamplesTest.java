package org.casefunds.ledger.sql;

import java.util.List;
import org.casefunds.ledger.store.JournalStore;

/**
 * Goal: on one PostgreSQL court schema, a writer that has written decides on what another writer
 * of the schema appended since; the cases of {@link TwoWritersExamples}. Method: each example in a
 * new schema of the tests' server, with two stores opened separately on it.
 */
class TwoWritersPostgresExamplesTest extends TwoWritersExamples {

    @Override
    List<JournalStore> twoStores() {
        return List.copyOf(TwoWritersPostgresPropertyTest.twoStores());
    }
}
