package org.casefunds.ledger.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.exception.DataAccessException;

/**
 * The ledger's hot statements: each is built with jOOQ, rendered once to SQL with positional
 * parameters, and run through plain JDBC. On the writer's connection it is also prepared once and
 * re-bound for every use, because SQLite's driver has no statement cache and because re-rendering
 * and re-binding a jOOQ query by name walks its whole tree each time: measured on this write path,
 * about 1,000 commands/s through jOOQ's own binding against many times that through positional
 * JDBC binding. No SQL is assembled from strings: jOOQ renders every statement.
 *
 * <p>On shared reading connections ({@link #fresh}) each use acquires the connection, prepares the
 * rendered SQL, runs it and releases the connection; the rendering is still done once per JVM.
 *
 * <p>This class is not thread-safe: one transaction, or one reading view, uses it.
 */
final class Statements implements AutoCloseable {
    /** Rendered statements by dialect and name; a name always stands for the same query. */
    private static final Map<String, Rendered> RENDERED = new ConcurrentHashMap<>();

    private final DSLContext context;
    private final Connection connection;
    private final ConnectionProvider provider;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();
    /** How many entries each statement's batch holds, by name. */
    private final Map<String, Integer> batched = new HashMap<>();

    /** A statement's SQL, its parameters in order, and the call site that built it. */
    private record Rendered(String sql, Map<String, Integer> positions, int[] sqlTypes, Class<?> builder) {
    }

    /** Reads one row of a result. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** The first column as text: the reader of single-column text results. */
    static String text(ResultSet row) throws SQLException {
        return row.getString(1);
    }

    /** The first column as bytes: the reader of single-column packed results. */
    static byte[] bytes(ResultSet row) throws SQLException {
        return row.getBytes(1);
    }

    private Statements(DSLContext context, Connection connection, ConnectionProvider provider) {
        this.context = context;
        this.connection = connection;
        this.provider = provider;
    }

    /** Statements kept prepared on {@code connection}, whose context is {@code context}. */
    static Statements kept(Connection connection, DSLContext context) {
        return new Statements(context, connection, null);
    }

    /** Statements prepared for every use on connections from {@code provider}. */
    static Statements fresh(ConnectionProvider provider, DSLContext context) {
        return new Statements(context, null, provider);
    }

    DSLContext context() {
        return context;
    }

    /**
     * The statement called {@code name}, which {@code build} makes: the first time it is needed it
     * is built and rendered; afterwards only bound and run.
     */
    Bound get(String name, Function<DSLContext, ? extends Query> build) {
        String key = context.dialect().name() + ":" + name;
        Rendered rendered = RENDERED.get(key);
        if (rendered == null) {
            rendered = render(build.apply(context), build.getClass());
            RENDERED.putIfAbsent(key, rendered);
        } else if (rendered.builder() != build.getClass()) {
            throw new AssertionError("two statements are both called " + name);
        }
        return new Bound(name, rendered);
    }

    private Rendered render(Query query, Class<?> builder) {
        // Inline values are rendered into the SQL; the others are its positional parameters, in order.
        List<Map.Entry<String, Param<?>>> params = new ArrayList<>();
        for (Map.Entry<String, Param<?>> param : query.getParams().entrySet()) {
            if (!param.getValue().isInline()) {
                params.add(param);
            }
        }
        if (params.size() != context.extractBindValues(query).size()) {
            throw new AssertionError("a hot statement names each parameter once: " + query);
        }
        Map<String, Integer> positions = new HashMap<>();
        int[] types = new int[params.size()];
        int position = 0;
        for (Map.Entry<String, Param<?>> param : params) {
            types[position] = param.getValue().getDataType().getSQLType();
            positions.put(param.getKey(), ++position);
        }
        return new Rendered(context.render(query), Map.copyOf(positions), types, builder);
    }

    /** A statement with its values, ready to run. */
    final class Bound {
        private final String name;
        private final Rendered rendered;
        private final Object[] values;

        private Bound(String name, Rendered rendered) {
            this.name = name;
            this.rendered = rendered;
            this.values = new Object[rendered.sqlTypes().length];
        }

        /** Sets the parameter called {@code parameter}. */
        Bound bind(String parameter, Object value) {
            Integer position = rendered.positions().get(parameter);
            if (position == null) {
                throw new AssertionError(name + " has no parameter " + parameter);
            }
            values[position - 1] = value;
            return this;
        }

        /** Runs an insert, update or delete; the number of rows it changed. */
        int execute() {
            return run(statement -> statement.executeUpdate());
        }

        /**
         * Adds this statement with its values to its batch on the writer's connection, to be run by
         * {@link Statements#executeBatch}: rows gathered per table go to the database together (one
         * round trip on PostgreSQL, one pass of SQLite's statement).
         */
        void addBatch() {
            if (connection == null) {
                throw new IllegalStateException(name + ": only the writer's statements are batched");
            }
            try {
                PreparedStatement statement = prepared(name, rendered);
                bindAll(statement);
                statement.addBatch();
                batched.merge(name, 1, Integer::sum);
            } catch (SQLException e) {
                throw new DataAccessException(name + ": " + e.getMessage(), e);
            }
        }

        /** The first row, read by {@code reader}, if there is one. */
        <T> Optional<T> fetchOptional(RowReader<T> reader) {
            return run(statement -> {
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(reader.read(rows)) : Optional.empty();
                }
            });
        }

        /** Every row, read by {@code reader}, in order. */
        <T> List<T> fetch(RowReader<T> reader) {
            return run(statement -> {
                List<T> found = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        found.add(reader.read(rows));
                    }
                }
                return found;
            });
        }

        /** Each row, read by {@code reader}, given to {@code sink} in order. */
        <T> void forEach(RowReader<T> reader, Consumer<T> sink) {
            fetch(reader).forEach(sink);
        }

        private <R> R run(Work<R> work) {
            try {
                if (connection != null) {
                    PreparedStatement statement = prepared(name, rendered);
                    bindAll(statement);
                    return work.run(statement);
                }
                for (int attempt = 1;; attempt++) {
                    Connection borrowed = provider.acquire();
                    try (PreparedStatement statement = borrowed.prepareStatement(rendered.sql())) {
                        bindAll(statement);
                        return work.run(statement);
                    } catch (SQLException e) {
                        // A shared reading connection that the server ended (a restart, an idle
                        // timeout) is closed by the driver; a read is run once more on a new one.
                        if (attempt > 1 || !borrowed.isClosed()) {
                            throw e;
                        }
                    } finally {
                        provider.release(borrowed);
                    }
                }
            } catch (SQLException e) {
                throw new DataAccessException(name + ": " + e.getMessage(), e);
            }
        }

        private void bindAll(PreparedStatement statement) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                Object value = values[i];
                if (value == null) {
                    statement.setNull(i + 1, rendered.sqlTypes()[i] == Types.OTHER ? Types.NULL
                            : rendered.sqlTypes()[i]);
                } else if (value instanceof Long) {
                    statement.setLong(i + 1, (Long) value);
                } else if (value instanceof Integer) {
                    statement.setLong(i + 1, (Integer) value);
                } else if (value instanceof String) {
                    statement.setString(i + 1, (String) value);
                } else if (value instanceof byte[]) {
                    statement.setBytes(i + 1, (byte[]) value);
                } else {
                    throw new AssertionError(name + ": cannot bind a " + value.getClass().getSimpleName());
                }
            }
        }
    }

    private PreparedStatement prepared(String name, Rendered rendered) throws SQLException {
        PreparedStatement statement = prepared.get(name);
        if (statement == null) {
            statement = connection.prepareStatement(rendered.sql());
            prepared.put(name, statement);
        }
        return statement;
    }

    /**
     * Runs the batch of the statement called {@code name} gathered by {@link Bound#addBatch}; the
     * number of rows each of its entries changed, in the order added (empty when none was added).
     */
    int[] executeBatch(String name) {
        Integer count = batched.remove(name);
        if (count == null) {
            return new int[0];
        }
        try {
            int[] changed = prepared.get(name).executeBatch();
            if (changed.length != count) {
                throw new DataAccessException(name + ": the batch of " + count + " ran " + changed.length + " times");
            }
            return changed;
        } catch (SQLException e) {
            throw new DataAccessException(name + ": " + e.getMessage(), e);
        }
    }

    /** Forgets the batches gathered and not run, after a failure. */
    void clearBatches() {
        for (String name : batched.keySet()) {
            try {
                prepared.get(name).clearBatch();
            } catch (SQLException e) {
                // The statement is closed with its connection after a failure anyway.
            }
        }
        batched.clear();
    }

    /** What runs on a prepared statement. */
    @FunctionalInterface
    private interface Work<R> {
        R run(PreparedStatement statement) throws SQLException;
    }

    @Override
    public void close() {
        for (PreparedStatement statement : prepared.values()) {
            try {
                statement.close();
            } catch (SQLException e) {
                // Closing after the work is done or failed; the work's own outcome is what counts.
            }
        }
        prepared.clear();
    }
}
