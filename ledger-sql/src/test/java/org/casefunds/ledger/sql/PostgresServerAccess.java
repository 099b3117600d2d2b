package org.casefunds.ledger.sql;

import javax.sql.DataSource;

/** The tests' PostgreSQL server, for test packages outside this one. */
public final class PostgresServerAccess {
    private PostgresServerAccess() {
    }

    /** The shared server's database, started on first use. */
    public static DataSource dataSource() {
        return PostgresServer.dataSource();
    }
}
