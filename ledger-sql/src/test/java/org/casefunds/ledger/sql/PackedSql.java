package org.casefunds.ledger.sql;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.UnaryOperator;
import org.sqlite.Function;

/**
 * What someone with the file and this library's packing can do to a packed column: the tamper
 * tests edit canonical texts as they are kept since schema 4 (packing 2, and packing 1 for files
 * written before it).
 */
final class PackedSql {
    private PackedSql() {
    }

    /**
     * Adds the SQL functions {@code unpack(blob)} (the text a packed column holds), {@code
     * pack(text)} and {@code pack1(text)} (packed as files were before packing 2) to a SQLite
     * connection, so that a test can write {@code UPDATE event SET body = pack(replace(unpack(body),
     * ...))}.
     */
    static void register(Connection connection) throws SQLException {
        Function.create(connection, "unpack", new Function() {
            @Override
            protected void xFunc() throws SQLException {
                result(PackedText.unpackText(value_blob(0)));
            }
        });
        Function.create(connection, "pack", new Function() {
            @Override
            protected void xFunc() throws SQLException {
                result(PackedText.pack(value_text(0)));
            }
        });
        Function.create(connection, "pack1", new Function() {
            @Override
            protected void xFunc() throws SQLException {
                result(PackedText.packWithDictionary1(value_text(0).getBytes(StandardCharsets.UTF_8)));
            }
        });
    }

    /**
     * Rewrites the packed {@code body} of the rows of {@code table} that {@code where} selects (an
     * SQL condition with one parameter, {@code key}) through {@code change}, on any database.
     *
     * @return how many rows were changed
     */
    static int edit(Connection connection, String table, String where, Object key, UnaryOperator<String> change)
            throws SQLException {
        int changed = 0;
        try (PreparedStatement read = connection.prepareStatement("SELECT body FROM " + table + " WHERE " + where);
                PreparedStatement write = connection.prepareStatement("UPDATE " + table + " SET body = ? WHERE body = ?"
                        + " AND " + where)) {
            read.setObject(1, key);
            try (ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    byte[] stored = rows.getBytes(1);
                    write.setBytes(1, PackedText.pack(change.apply(PackedText.unpackText(stored))));
                    write.setBytes(2, stored);
                    write.setObject(3, key);
                    changed += write.executeUpdate();
                }
            }
        }
        return changed;
    }

    /** The text of a packed column, for a test that reads it. */
    static String text(byte[] stored) {
        return PackedText.unpackText(stored);
    }

    /** {@code text} packed, for a test that writes it. */
    static byte[] pack(String text) {
        return PackedText.pack(text);
    }
}
