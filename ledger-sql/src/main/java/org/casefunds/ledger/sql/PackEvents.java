package org.casefunds.ledger.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.IntegrityException;
import org.casefunds.ledger.journal.Event;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration 4.1, after the script {@code V4__packed_bodies.sql} and in the same run: moves every
 * event of a schema-3 journal (the table {@code event_v3} that script kept) into the schema-4
 * {@code event} table, its text packed with the values its columns and the row before hold left
 * out ({@link StoredEvent}), its key as its digest, its kind as its code and its hash as 32 bytes;
 * then drops {@code event_v3} and sets the schema version to 4. Every row is inserted, none is updated, on SQLite and PostgreSQL alike.
 *
 * <p>Nothing is decided or recomputed: each text is kept byte for byte and each stored hash as it
 * was, so a journal verifies after the move exactly as it did before it (a row that was changed
 * before the move is found by the same checks after it). A row whose text does not hold its own
 * sequence, its effective date or the hash of the row before, where an event's canonical text
 * holds them, or whose kind has no code, cannot be kept exactly: the migration stops, naming the
 * event, and nothing is changed.
 */
final class PackEvents implements JavaMigration {
    /** Rows inserted per batch. */
    private static final int BATCH_ROWS = 1_000;

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("4.1");
    }

    @Override
    public String getDescription() {
        return "pack events";
    }

    @Override
    public Integer getChecksum() {
        return 41;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement read = connection.createStatement();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO event (sequence, key_digest,"
                        + " kind, effective_date, id, request_digest, body, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            read.setFetchSize(BATCH_ROWS);
            String previousHash = Event.GENESIS_HASH;
            long expected = 1;
            try (ResultSet rows = read.executeQuery("SELECT sequence, idempotency_key, kind, effective_date, body,"
                    + " hash FROM event_v3 ORDER BY sequence")) {
                while (rows.next()) {
                    long sequence = rows.getLong(1);
                    if (sequence != expected) {
                        throw refused(expected, "the journal has no event " + expected + " (the next row is event "
                                + sequence + ")");
                    }
                    long day = rows.getLong(4);
                    String hash = rows.getString(6);
                    StoredEvent.Packed packed;
                    byte[] hashBytes;
                    long kind;
                    try {
                        packed = StoredEvent.pack(rows.getString(5), sequence, LocalDate.ofEpochDay(day), previousHash);
                        hashBytes = StoredEvent.hashBytes(hash, sequence);
                        kind = StoredEvent.kindCode(rows.getString(3));
                    } catch (IllegalArgumentException e) {
                        throw refused(sequence, e.getMessage());
                    }
                    insert.setLong(1, sequence);
                    insert.setLong(2, StoredEvent.keyDigest(rows.getString(2)));
                    insert.setLong(3, kind);
                    insert.setLong(4, day);
                    insert.setBytes(5, packed.id());
                    insert.setBytes(6, packed.requestDigest());
                    insert.setBytes(7, packed.body());
                    insert.setBytes(8, hashBytes);
                    insert.addBatch();
                    if (expected % BATCH_ROWS == 0) {
                        insert.executeBatch();
                    }
                    previousHash = hash;
                    expected++;
                }
            }
            insert.executeBatch();
        }
        try (Statement change = connection.createStatement()) {
            change.execute("DROP TABLE event_v3");
            change.execute("UPDATE ledger_info SET schema_version = 4 WHERE id = 1");
        }
    }

    private static IntegrityException refused(long sequence, String why) {
        return new IntegrityException(ErrorCode.INTEGRITY_VIOLATION, "event", sequence, "cannot be moved to schema"
                + " 4 as it is: " + why + ". Its row was changed outside the ledger; nothing was migrated. Verify the"
                + " ledger with the version that wrote it (casefunds verify), and restore it from a backup");
    }
}
