package org.casefunds.ledger.sql;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.jooq.CloseableQuery;
import org.jooq.DSLContext;
import org.jooq.Query;

/**
 * The statements of one database connection. On the writer's connection each query is built with
 * jOOQ once, prepared once and re-bound for every use ({@code keepStatement}), because SQLite's
 * driver has no statement cache and preparing dominates small statements. On shared read
 * connections queries are built fresh each time.
 */
final class Statements implements AutoCloseable {
    private final DSLContext context;
    private final boolean keep;
    private final Map<String, Query> kept = new HashMap<>();
    private final Map<String, CloseableQuery> open = new HashMap<>();

    private Statements(DSLContext context, boolean keep) {
        this.context = context;
        this.keep = keep;
    }

    /** Statements kept prepared on the one connection of {@code context}. */
    static Statements kept(DSLContext context) {
        return new Statements(context, true);
    }

    /** Statements built fresh for every use, for a context that hands out connections per query. */
    static Statements fresh(DSLContext context) {
        return new Statements(context, false);
    }

    DSLContext context() {
        return context;
    }

    /** The query called {@code name}, built by {@code build} the first time (or every time). */
    @SuppressWarnings("unchecked")
    <Q extends Query> Q get(String name, Function<DSLContext, Q> build) {
        if (!keep) {
            return build.apply(context);
        }
        Query query = kept.get(name);
        if (query == null) {
            query = build.apply(context);
            open.put(name, query.keepStatement(true));
            kept.put(name, query);
        }
        return (Q) query;
    }

    @Override
    public void close() {
        for (CloseableQuery query : open.values()) {
            query.close();
        }
        open.clear();
        kept.clear();
    }
}
