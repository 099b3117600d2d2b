package org.casefunds.ledger.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.StorageException;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Who may do what in a court's PostgreSQL schema. In production two roles share the work: the
 * migration role owns the schema, its tables, its triggers and its trigger function, and runs the
 * migrations; the ledger connects as a writer role that holds only the rights the store uses. Only
 * an owner may alter or drop a table, drop or disable a trigger, or replace a function, so the
 * writer can do none of these, and it holds no right to truncate, update or delete a journal row.
 * What the writer holds:
 *
 * <ul>
 *   <li>the journal ({@code event}, {@code posting}) and every other table an append-only trigger
 *       protects: {@code SELECT} and {@code INSERT};
 *   <li>{@code ledger_info}: {@code SELECT}, and {@code UPDATE} of every column but {@code id},
 *       {@code format} and {@code schema_version} (the store keeps the head of the chain there and
 *       locks the row to serialise writers);
 *   <li>every projection: {@code SELECT}, {@code INSERT}, {@code UPDATE} and {@code DELETE} (commands
 *       update them; a rebuild deletes them and folds them again);
 *   <li>{@code flyway_schema_history}: nothing;
 *   <li>the schema: {@code USAGE}, never {@code CREATE}; its sequences (none today): {@code USAGE}
 *       and {@code SELECT}. Tables a later migration adds get {@code SELECT} and {@code INSERT} by
 *       default; the next {@link SqlLedger#postgresMigrate} gives a projection the rest.
 * </ul>
 *
 * <p>No table grants the writer {@code TRUNCATE}, {@code TRIGGER} or {@code REFERENCES}.
 */
final class PostgresRoles {
    /** Flyway's record of the migrations; the writer neither needs nor gets any right on it. */
    private static final String FLYWAY_HISTORY = "flyway_schema_history";
    /** The ledger's one header row. */
    private static final String LEDGER_INFO = "ledger_info";
    /** The columns of {@code ledger_info} that say what the schema is; the writer never updates them. */
    private static final Set<String> FIXED_COLUMNS = Set.of("id", "format", "schema_version");
    /** The journal; append-only whether or not its triggers are still there. */
    private static final Set<String> JOURNAL = Set.of("event", "posting");
    /** The rights this class looks at, in the order of {@link #TABLES}'s columns. */
    private static final List<String> RIGHTS = List.of("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "TRIGGER",
            "REFERENCES");
    /** How many tables a message names the missing or excess rights of before it counts the rest. */
    private static final int NAMED_MAX = 6;

    /** Each table of the schema, the rights {@code role} holds on it, and whether a trigger makes it append-only. */
    private static final String TABLES = "SELECT c.relname,"
            + " has_table_privilege(?, c.oid, 'SELECT'), has_table_privilege(?, c.oid, 'INSERT'),"
            + " has_table_privilege(?, c.oid, 'UPDATE'), has_table_privilege(?, c.oid, 'DELETE'),"
            + " has_table_privilege(?, c.oid, 'TRUNCATE'), has_table_privilege(?, c.oid, 'TRIGGER'),"
            + " has_table_privilege(?, c.oid, 'REFERENCES'),"
            + " EXISTS (SELECT 1 FROM pg_trigger t JOIN pg_proc f ON f.oid = t.tgfoid"
            + " WHERE t.tgrelid = c.oid AND f.proname = 'refuse_change' AND f.pronamespace = n.oid)"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p') ORDER BY c.relname";

    /** The columns of ledger_info and whether {@code role} may update each. */
    private static final String LEDGER_INFO_COLUMNS = "SELECT a.attname, has_column_privilege(?, a.attrelid, a.attnum,"
            + " 'UPDATE') FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname = ? AND c.relname = '" + LEDGER_INFO + "' AND a.attnum > 0 AND NOT a.attisdropped"
            + " ORDER BY a.attnum";

    private PostgresRoles() {
    }

    /**
     * What the connecting role is and may do with the schema.
     *
     * @param role the connecting role
     * @param database the database it is connected to
     * @param exists whether the schema exists
     * @param owner the schema's owner; for a schema that does not exist, the connecting role, which
     *     would own it
     * @param mayMigrate whether the role may create the schema (it does not exist and the role may
     *     create schemas in the database) or change it (it has the owner's rights)
     */
    record Access(String role, String database, boolean exists, String owner, boolean mayMigrate) {
    }

    /** One table of the schema and the rights a role holds on it. */
    private record TableRights(String name, Set<String> held, boolean appendOnly) {
        /** The rights the writer needs on this table; on ledger_info its UPDATE is granted by column. */
        Set<String> needed() {
            if (name.equals(FLYWAY_HISTORY)) {
                return Set.of();
            }
            if (name.equals(LEDGER_INFO)) {
                return Set.of("SELECT");
            }
            if (appendOnly) {
                return Set.of("SELECT", "INSERT");
            }
            return Set.of("SELECT", "INSERT", "UPDATE", "DELETE");
        }

        /** The rights the writer may hold on this table. */
        Set<String> allowed() {
            if (name.equals(FLYWAY_HISTORY)) {
                return Set.of("SELECT");
            }
            if (name.equals(LEDGER_INFO)) {
                // Held by column; an UPDATE of the fixed columns is checked column by column.
                return Set.of("SELECT", "UPDATE");
            }
            return needed();
        }
    }

    /**
     * Checks the name of a writer role.
     *
     * @throws InvalidInputException naming {@code writerRole} if it is not a plain role name
     */
    static String roleName(String writerRole) {
        Checks.requiredText(writerRole, "writerRole", 63);
        Checks.argument(writerRole.matches("[a-z][a-z0-9_]*"), "writerRole", writerRole,
                "a writer role's name is lower-case letters, digits and '_', starting with a letter");
        return writerRole;
    }

    /** What the role connected through {@code context} is and may do with {@code schema}. */
    static Access access(DSLContext context, String schema) {
        Record row = context.fetchOne("SELECT current_user, current_database(), pg_get_userbyid(n.nspowner),"
                + " pg_has_role(n.nspowner, 'USAGE') FROM pg_namespace n WHERE n.nspname = ?", schema);
        if (row != null) {
            return new Access(row.get(0, String.class), row.get(1, String.class), true, row.get(2, String.class),
                    row.get(3, Boolean.class));
        }
        Record created = context.fetchOne("SELECT current_user, current_database(),"
                + " has_database_privilege(current_database(), 'CREATE')");
        return new Access(created.get(0, String.class), created.get(1, String.class), false,
                created.get(0, String.class), created.get(2, Boolean.class));
    }

    /** What to do when the connecting role may not migrate or lacks a right. */
    private static String migrateFirst(String schema, Access access, String writer) {
        return "the migration role (" + (access.exists() ? access.owner() + ", the schema's owner"
                : "a role that may create schemas in database " + access.database()) + ") migrates it and grants the"
                + " writer its rights first: SqlLedger.postgresMigrate(migrationDataSource, \"" + schema + "\", \""
                + writer + "\"); see the README's PostgreSQL setup";
    }

    /**
     * Refuses to open {@code schema} for a role that may not migrate it unless it is a ledger of this
     * version on which the role holds every right the store needs. Nothing is changed.
     *
     * @throws StorageException ({@link ErrorCode#STORAGE_NOT_PERMITTED}) naming the schema, its version
     *     and the missing rights, if the schema is missing or older or a right is missing; the
     *     refusals of {@link SqlLedger#schemaVersion} if it is not a ledger or is newer
     */
    static void checkOpenable(Database.Postgres database, DSLContext context, Access access) {
        String schema = database.schema();
        String role = access.role();
        if (!access.exists()) {
            throw new StorageException(ErrorCode.STORAGE_NOT_PERMITTED, "schema", schema, "does not exist in database "
                    + access.database() + ", and role " + role + " may not create it (this version of Casefunds Ledger"
                    + " writes schema version " + SqlLedger.SCHEMA_VERSION + "); " + migrateFirst(schema, access, role));
        }
        // First what reading the version needs; an empty or foreign schema is told apart below.
        if (!hasSchemaRight(context, role, schema, "USAGE")) {
            throw lacks(schema, role, List.of("USAGE on the schema"), access);
        }
        if (tables(context, schema, role).stream().anyMatch(t -> t.name().equals(LEDGER_INFO)
                && !t.held().contains("SELECT"))) {
            throw lacks(schema, role, List.of("SELECT on " + LEDGER_INFO), access);
        }
        Long version = SqlLedger.schemaVersion(database, context);
        if (version == null) {
            throw new StorageException(ErrorCode.STORAGE_NOT_PERMITTED, "schema", schema, "holds no ledger yet, and role "
                    + role + " may not create one (it does not own the schema, which is " + access.owner() + "'s; this"
                    + " version writes schema version " + SqlLedger.SCHEMA_VERSION + "); "
                    + migrateFirst(schema, access, role));
        }
        if (version < SqlLedger.SCHEMA_VERSION) {
            throw new StorageException(ErrorCode.STORAGE_NOT_PERMITTED, "schema", schema, "is at schema version "
                    + version + " and this version of Casefunds Ledger needs " + SqlLedger.SCHEMA_VERSION + ", but role "
                    + role + " may not migrate it (the schema is " + access.owner() + "'s); "
                    + migrateFirst(schema, access, role));
        }
        List<String> missing = missing(context, schema, role);
        if (!missing.isEmpty()) {
            throw lacks(schema, role, missing, access);
        }
    }

    private static StorageException lacks(String schema, String role, List<String> missing, Access access) {
        return new StorageException(ErrorCode.STORAGE_NOT_PERMITTED, "schema", schema, "role " + role + " lacks "
                + named(missing) + ", which the ledger needs; " + migrateFirst(schema, access, role));
    }

    /**
     * Refuses a migration role that may not migrate the schema, and a writer role that does not exist
     * or could change the schema itself (a superuser, the owner, or a member of the owner).
     */
    static void checkRoles(Database.Postgres database, DSLContext context, Access access, String writer) {
        String schema = database.schema();
        if (!access.mayMigrate()) {
            String why = access.exists() ? "the schema is " + access.owner() + "'s, and " + access.role()
                    + " does not have its owner's rights; connect as " + access.owner() + " to migrate it"
                    : "the schema does not exist yet and " + access.role() + " may not create schemas in database "
                    + access.database() + "; connect as the migration role, or GRANT CREATE ON DATABASE "
                    + access.database() + " TO " + access.role();
            throw new StorageException(ErrorCode.STORAGE_NOT_PERMITTED, "schema", schema, "role " + access.role()
                    + " may not migrate it: " + why);
        }
        Record row = context.fetchOne("SELECT r.rolsuper, pg_has_role(r.oid, o.oid, 'MEMBER') FROM pg_roles r,"
                + " pg_roles o WHERE r.rolname = ? AND o.rolname = ?", writer, access.owner());
        if (row == null) {
            throw new InvalidInputException(ErrorCode.INVALID_VALUE, "writerRole", writer, "is not a role of this"
                    + " server; create it first (CREATE ROLE " + writer + " LOGIN PASSWORD '...'; GRANT CONNECT ON"
                    + " DATABASE " + access.database() + " TO " + writer + "), see the README's PostgreSQL setup");
        }
        if (row.get(0, Boolean.class)) {
            throw new InvalidInputException(ErrorCode.INVALID_VALUE, "writerRole", writer, "is a superuser, which no"
                    + " grant limits (it could disable the append-only triggers); give the ledger a role of its own"
                    + " that is not a superuser");
        }
        if (row.get(1, Boolean.class)) {
            throw new InvalidInputException(ErrorCode.INVALID_VALUE, "writerRole", writer, (writer.equals(access.owner())
                    ? "is the schema's owner" : "is a member of " + access.owner() + ", the schema's owner") + ", so it"
                    + " could alter the tables and disable the append-only triggers; the ledger connects as a role"
                    + " that is neither the owner nor a member of it");
        }
    }

    /**
     * As the schema's owner, gives {@code writer} exactly the rights the ledger needs on {@code schema},
     * in one transaction: what it held before is revoked first, so running this again after a
     * migration changes nothing else. Then checks the writer's rights as the server reports them.
     *
     * @throws StorageException ({@link ErrorCode#STORAGE_NOT_PERMITTED}) if a right is still missing, or
     *     the writer still holds one it should not (through PUBLIC or another role it belongs to)
     */
    static void grant(Connection connection, DSLContext context, String schema, String writer) throws SQLException {
        String on = quoted(schema) + ".";
        String to = " TO " + quoted(writer);
        String from = " FROM " + quoted(writer);
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("REVOKE ALL ON SCHEMA " + quoted(schema) + from);
            statement.execute("REVOKE ALL ON ALL TABLES IN SCHEMA " + quoted(schema) + from);
            statement.execute("REVOKE ALL ON ALL SEQUENCES IN SCHEMA " + quoted(schema) + from);
            statement.execute("GRANT USAGE ON SCHEMA " + quoted(schema) + to);
            for (TableRights table : tables(context, schema, writer)) {
                if (!table.needed().isEmpty()) {
                    statement.execute("GRANT " + String.join(", ", ordered(table.needed())) + " ON " + on
                            + quoted(table.name()) + to);
                }
            }
            List<String> columns = new ArrayList<>();
            for (Record column : context.fetch(LEDGER_INFO_COLUMNS, writer, schema)) {
                if (!FIXED_COLUMNS.contains(column.get(0, String.class))) {
                    columns.add(quoted(column.get(0, String.class)));
                }
            }
            if (!columns.isEmpty()) {
                statement.execute("GRANT UPDATE (" + String.join(", ", columns) + ") ON " + on + LEDGER_INFO + to);
            }
            statement.execute("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA " + quoted(schema) + to);
            statement.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA " + quoted(schema) + " GRANT SELECT, INSERT ON TABLES"
                    + to);
            statement.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA " + quoted(schema) + " GRANT USAGE, SELECT ON"
                    + " SEQUENCES" + to);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
        List<String> missing = missing(context, schema, writer);
        if (!missing.isEmpty()) {
            // GRANT on a table the connecting role does not own only warns; say which and whose.
            throw new StorageException(ErrorCode.STORAGE_NOT_PERMITTED, "schema", schema, "role " + writer
                    + " still lacks " + named(missing) + " after the grants; every table of the schema must be"
                    + " owned by its owner (ALTER TABLE ... OWNER TO the migration role), then migrate again");
        }
        List<String> excess = excess(context, schema, writer);
        if (!excess.isEmpty()) {
            throw new StorageException(ErrorCode.STORAGE_NOT_PERMITTED, "schema", schema, "role " + writer
                    + " still holds " + named(excess) + " through PUBLIC or a role it belongs to; revoke it (REVOKE"
                    + " ... FROM PUBLIC, or from that role), since it would let the ledger's connection change what"
                    + " only the owner may, then migrate again");
        }
    }

    /** The rights the store needs that {@code role} lacks on {@code schema}, named table by table. */
    static List<String> missing(DSLContext context, String schema, String role) {
        List<String> missing = new ArrayList<>();
        if (!hasSchemaRight(context, role, schema, "USAGE")) {
            missing.add("USAGE on the schema");
        }
        for (TableRights table : tables(context, schema, role)) {
            List<String> lacking = ordered(table.needed()).stream().filter(r -> !table.held().contains(r)).toList();
            if (!lacking.isEmpty()) {
                missing.add(String.join(", ", lacking) + " on " + table.name());
            }
        }
        List<String> columns = new ArrayList<>();
        for (Record column : context.fetch(LEDGER_INFO_COLUMNS, role, schema)) {
            String name = column.get(0, String.class);
            if (!FIXED_COLUMNS.contains(name) && !column.get(1, Boolean.class)) {
                columns.add(name);
            }
        }
        if (!columns.isEmpty()) {
            missing.add("UPDATE on " + LEDGER_INFO + " (" + String.join(", ", columns) + ")");
        }
        return missing;
    }

    /** The rights {@code role} holds on {@code schema} beyond what the store needs, named table by table. */
    static List<String> excess(DSLContext context, String schema, String role) {
        List<String> excess = new ArrayList<>();
        if (hasSchemaRight(context, role, schema, "CREATE")) {
            excess.add("CREATE on the schema");
        }
        for (TableRights table : tables(context, schema, role)) {
            List<String> beyond = RIGHTS.stream().filter(r -> table.held().contains(r) && !table.allowed().contains(r))
                    .toList();
            if (!beyond.isEmpty()) {
                excess.add(String.join(", ", beyond) + " on " + table.name());
            }
        }
        List<String> columns = new ArrayList<>();
        for (Record column : context.fetch(LEDGER_INFO_COLUMNS, role, schema)) {
            String name = column.get(0, String.class);
            if (FIXED_COLUMNS.contains(name) && column.get(1, Boolean.class)) {
                columns.add(name);
            }
        }
        if (!columns.isEmpty()) {
            excess.add("UPDATE on " + LEDGER_INFO + " (" + String.join(", ", columns) + ")");
        }
        return excess;
    }

    private static boolean hasSchemaRight(DSLContext context, String role, String schema, String right) {
        return Boolean.TRUE.equals(context.fetchValue("SELECT has_schema_privilege(?, ?, ?)", role, schema, right));
    }

    private static List<TableRights> tables(DSLContext context, String schema, String role) {
        List<TableRights> tables = new ArrayList<>();
        Object[] bindings = new Object[RIGHTS.size() + 1];
        Arrays.fill(bindings, role);
        bindings[RIGHTS.size()] = schema;
        for (Record row : context.fetch(TABLES, bindings)) {
            Set<String> held = new LinkedHashSet<>();
            for (int i = 0; i < RIGHTS.size(); i++) {
                if (row.get(i + 1, Boolean.class)) {
                    held.add(RIGHTS.get(i));
                }
            }
            String name = row.get(0, String.class);
            tables.add(new TableRights(name, held, JOURNAL.contains(name) || row.get(RIGHTS.size() + 1, Boolean.class)));
        }
        return tables;
    }

    /** {@code rights} in the order of {@link #RIGHTS}, so that statements and messages read the same each time. */
    private static List<String> ordered(Set<String> rights) {
        return RIGHTS.stream().filter(rights::contains).toList();
    }

    private static String named(List<String> rights) {
        if (rights.size() <= NAMED_MAX) {
            return String.join("; ", rights);
        }
        return String.join("; ", rights.subList(0, NAMED_MAX)) + "; and rights on " + (rights.size() - NAMED_MAX)
                + " more tables";
    }

    /** A quoted identifier; names come from the catalog or were checked against [a-z][a-z0-9_]*. */
    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
