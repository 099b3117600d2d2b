package org.casefunds.examples.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.casefunds.ledger.sql.SqliteOptions;

/**
 * The physical limit beside the ledger: the same rows written to a SQLite file with the same
 * schema, indexes, triggers and pragmas by plain JDBC, with no ledger logic at all (no decisions,
 * no encoding, no hashing, no reads). The ledger file's own rows are copied: every event, posting
 * and projection row as it ended up, each inserted once, in batches.
 *
 * <p>This is benchmark code: its SQL is the ledger file's own schema text and fixed insert
 * statements over its tables, not input from users.
 */
final class RawSqlite {
    /** The tables a ledger writes, journal first. */
    private static final List<String> TABLES = List.of("event", "posting", "case_record", "receipt", "lot",
            "lot_movement", "balance", "daily_change", "disbursement", "disbursement_change", "reversal", "deferral",
            "deferral_change", "case_change", "bank_account");

    private RawSqlite() {
    }

    private static Connection open(Path file, SqliteOptions.Synchronous synchronous) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA synchronous=" + synchronous.name());
        }
        return connection;
    }

    /**
     * The schema of {@code ledger} (tables, indexes, triggers), created in {@code target}, with the
     * fixed rows that come with it (the codes of the kinds of event).
     */
    static void copySchema(Path ledger, Path target) throws Exception {
        deleteWithJournal(target);
        try (Connection in = DriverManager.getConnection("jdbc:sqlite:" + ledger);
                Connection out = open(target, SqliteOptions.Synchronous.OFF);
                Statement read = in.createStatement();
                Statement write = out.createStatement()) {
            try (ResultSet schema = read.executeQuery("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL"
                    + " AND name NOT LIKE 'sqlite_%' AND tbl_name NOT LIKE 'flyway%'"
                    + " ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END")) {
                while (schema.next()) {
                    write.execute(schema.getString(1));
                }
            }
            try (ResultSet kinds = read.executeQuery("SELECT code, name FROM event_kind");
                    PreparedStatement insert = out.prepareStatement("INSERT INTO event_kind (code, name) VALUES (?, ?)")) {
                while (kinds.next()) {
                    insert.setLong(1, kinds.getLong(1));
                    insert.setString(2, kinds.getString(2));
                    insert.executeUpdate();
                }
            }
        }
    }

    /** The names of the schema's own indexes (not those SQLite makes for keys and UNIQUE). */
    static List<String> secondaryIndexes(Path ledger) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection in = DriverManager.getConnection("jdbc:sqlite:" + ledger); Statement read = in.createStatement();
                ResultSet indexes = read.executeQuery("SELECT name FROM sqlite_master WHERE type = 'index'"
                        + " AND sql IS NOT NULL AND tbl_name NOT LIKE 'flyway%' ORDER BY name")) {
            while (indexes.next()) {
                names.add(indexes.getString(1));
            }
        }
        return names;
    }

    /** Drops index {@code name} (one of {@link #secondaryIndexes}) from {@code file}. */
    static void dropIndex(Path file, String name) throws SQLException {
        if (!name.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not an index name of the schema: " + name);
        }
        try (Connection out = DriverManager.getConnection("jdbc:sqlite:" + file); Statement write = out.createStatement()) {
            write.execute("DROP INDEX " + name);
        }
    }

    /** Every row of the ledger's tables, table by table, read into memory before any is written. */
    record Rows(List<String> tables, List<List<Object[]>> rows, long events) {
    }

    static Rows read(Path ledger) throws SQLException {
        List<List<Object[]>> rows = new ArrayList<>();
        long events = 0;
        try (Connection in = DriverManager.getConnection("jdbc:sqlite:" + ledger); Statement read = in.createStatement()) {
            for (String table : TABLES) {
                List<Object[]> each = new ArrayList<>();
                try (ResultSet result = read.executeQuery("SELECT * FROM " + table)) {
                    int columns = result.getMetaData().getColumnCount();
                    while (result.next()) {
                        Object[] row = new Object[columns];
                        for (int i = 0; i < columns; i++) {
                            row[i] = result.getObject(i + 1);
                        }
                        each.add(row);
                    }
                }
                if (table.equals("event")) {
                    events = each.size();
                }
                rows.add(each);
            }
        }
        return new Rows(TABLES, rows, events);
    }

    /**
     * Inserts {@code rows} into {@code target} (made by {@link #copySchema}) in {@code transactions}
     * commits of JDBC batches, journal rows of an event with the projection rows around it.
     *
     * @return the number of events written
     */
    static long write(Rows rows, Path target, SqliteOptions.Synchronous synchronous, int transactions)
            throws SQLException {
        try (Connection out = open(target, synchronous)) {
            out.setAutoCommit(false);
            List<PreparedStatement> inserts = new ArrayList<>();
            for (int t = 0; t < rows.tables().size(); t++) {
                List<Object[]> each = rows.rows().get(t);
                int columns = each.isEmpty() ? 1 : each.get(0).length;
                inserts.add(out.prepareStatement("INSERT INTO " + rows.tables().get(t) + " VALUES ("
                        + "?,".repeat(columns - 1) + "?)"));
            }
            // Each commit takes the same share of every table, as the ledger's batches do.
            for (int part = 0; part < transactions; part++) {
                for (int t = 0; t < inserts.size(); t++) {
                    List<Object[]> each = rows.rows().get(t);
                    int from = (int) ((long) each.size() * part / transactions);
                    int to = (int) ((long) each.size() * (part + 1) / transactions);
                    PreparedStatement insert = inserts.get(t);
                    for (int r = from; r < to; r++) {
                        Object[] row = each.get(r);
                        for (int c = 0; c < row.length; c++) {
                            insert.setObject(c + 1, row[c]);
                        }
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                out.commit();
            }
            for (PreparedStatement insert : inserts) {
                insert.close();
            }
        }
        return rows.events();
    }

    /**
     * {@code count} commits of one event-sized row each, into a file of the ledger's schema: a packed
     * body of about the size a receipt's takes, and a hash of 32 bytes.
     */
    static long singleRowCommits(Path target, SqliteOptions.Synchronous synchronous, int count) throws SQLException {
        byte[] body = new byte[300];
        java.util.Arrays.fill(body, (byte) 'x');
        body[0] = 1;
        byte[] hash = new byte[32];
        try (Connection out = open(target, synchronous);
                PreparedStatement insert = out.prepareStatement("INSERT INTO event (sequence, key_digest, kind,"
                        + " effective_date, body, hash) VALUES (?, ?, (SELECT code FROM event_kind WHERE name ="
                        + " 'RECEIPT_RECORDED'), 20150, ?, ?)")) {
            long first;
            try (Statement statement = out.createStatement();
                    ResultSet last = statement.executeQuery("SELECT coalesce(max(sequence), 0) FROM event")) {
                last.next();
                first = last.getLong(1) + 1;
            }
            for (int i = 0; i < count; i++) {
                insert.setLong(1, first + i);
                insert.setLong(2, (first + i) * 0x9E3779B97F4A7C15L);
                insert.setBytes(3, body);
                insert.setBytes(4, hash);
                insert.executeUpdate();
            }
        }
        return count;
    }

    static void deleteWithJournal(Path file) throws java.io.IOException {
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
        }
    }

    /** The size of a ledger file with its write-ahead log, in megabytes. */
    static long megabytes(Path file) throws java.io.IOException {
        return bytes(file) / (1024 * 1024);
    }

    /**
     * Moves what the write-ahead log of {@code ledger} holds into the file and empties the log, as far
     * as no reader stops it (SQLite's {@code wal_checkpoint(TRUNCATE)}): the log's pages are copies of
     * the file's, which would be counted twice.
     */
    static void checkpoint(Path ledger) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + ledger);
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
    }

    /** The size of a ledger file with its write-ahead log, in bytes. */
    static long bytes(Path file) throws java.io.IOException {
        long bytes = 0;
        for (String suffix : new String[] {"", "-wal"}) {
            Path part = file.resolveSibling(file.getFileName() + suffix);
            if (Files.exists(part)) {
                bytes += Files.size(part);
            }
        }
        return bytes;
    }

    /**
     * The bytes of each table of {@code ledger} with its indexes, largest first, from SQLite's
     * {@code dbstat} table (the pages each holds, used or not); empty if the driver's SQLite was
     * built without it.
     */
    static java.util.LinkedHashMap<String, Long> tableBytes(Path ledger) throws SQLException {
        java.util.LinkedHashMap<String, Long> tables = new java.util.LinkedHashMap<>();
        try (Connection in = DriverManager.getConnection("jdbc:sqlite:" + ledger); Statement read = in.createStatement();
                ResultSet rows = read.executeQuery("SELECT m.tbl_name, sum(d.pgsize) FROM dbstat d JOIN sqlite_master m"
                        + " ON m.name = d.name GROUP BY m.tbl_name ORDER BY 2 DESC, 1")) {
            while (rows.next()) {
                tables.put(rows.getString(1), rows.getLong(2));
            }
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("no such table: dbstat")) {
                return tables;
            }
            throw e;
        }
        return tables;
    }
}
