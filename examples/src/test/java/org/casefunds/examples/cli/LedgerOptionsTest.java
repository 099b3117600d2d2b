package org.casefunds.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.casefunds.ledger.base.InvalidInputException;
import org.junit.jupiter.api.Test;

/**
 * Goal: {@code --db} tells a SQLite file from a PostgreSQL JDBC URL; what the commands print of a
 * URL never holds its password; and options that do not go with the kind of {@code --db} (or a
 * schema name the store would refuse) are refused naming the option and the value, before
 * anything connects.
 *
 * <p>Method: the options as picocli would fill them; nothing is opened except where a refusal
 * comes first.
 */
class LedgerOptionsTest {
    private static LedgerOptions options(String db, String schema) {
        LedgerOptions options = new LedgerOptions();
        options.db = db;
        options.schema = schema;
        return options;
    }

    @Test
    void passwordsInAUrlAreMasked() {
        assertEquals("jdbc:postgresql://db.court:5432/ledger?user=finance&password=***&ssl=true",
                LedgerOptions.masked("jdbc:postgresql://db.court:5432/ledger?user=finance&password=s3cr%26t&ssl=true"));
        assertEquals("jdbc:postgresql://db.court/ledger?password=***",
                LedgerOptions.masked("jdbc:postgresql://db.court/ledger?password=s3cret"));
        assertEquals("jdbc:postgresql://db.court/ledger?PassWord=***&sslpassword=***&user=x",
                LedgerOptions.masked("jdbc:postgresql://db.court/ledger?PassWord=a&sslpassword=b&user=x"));
        assertEquals("jdbc:postgresql://finance:***@db.court/ledger",
                LedgerOptions.masked("jdbc:postgresql://finance:s3cret@db.court/ledger"));
        assertEquals("jdbc:postgresql://db.court/ledger?password=***",
                LedgerOptions.masked("jdbc:postgresql://db.court/ledger?password="), "even an empty one");
    }

    @Test
    void aUrlWithoutPasswordIsShownAsItIs() {
        for (String url : new String[] {"jdbc:postgresql://db.court:5432/ledger?user=finance",
            "jdbc:postgresql://[::1]:5432/ledger", "jdbc:postgresql:ledger", "/data/court.db"}) {
            assertEquals(url, LedgerOptions.masked(url));
        }
    }

    @Test
    void aFileIsAFileAndAUrlIsPostgres() {
        LedgerOptions file = options("court.db", null);
        assertFalse(file.isPostgres());
        assertEquals(Optional.of(Path.of("court.db")), file.file());
        assertEquals("court.db", file.location());
        assertEquals("--db court.db", file.dbOptions());

        LedgerOptions postgres = options("jdbc:postgresql://db.court/ledger?user=finance&password=s3cret", null);
        assertTrue(postgres.isPostgres());
        assertEquals(Optional.empty(), postgres.file());
        assertEquals("casefunds", postgres.schema());
        assertEquals("jdbc:postgresql://db.court/ledger?user=finance&password=***", postgres.location());
        assertEquals("schema casefunds of jdbc:postgresql://db.court/ledger?user=finance&password=***",
                postgres.describe());
        assertEquals("--db 'jdbc:postgresql://db.court/ledger?user=finance&password=***' --schema casefunds",
                postgres.dbOptions());
    }

    @Test
    void optionsThatDoNotGoWithTheDbAreRefusedNamingThem() {
        Casefunds.BadInput schemaOfAFile = assertThrows(Casefunds.BadInput.class,
                () -> options("court.db", "court_bj02").file());
        assertTrue(schemaOfAFile.getMessage().startsWith("--schema court_bj02: "), schemaOfAFile.getMessage());

        LedgerOptions durability = options("jdbc:postgresql://db.court/ledger", null);
        durability.synchronous = org.casefunds.ledger.sql.SqliteOptions.Synchronous.NORMAL;
        Casefunds.BadInput synchronous = assertThrows(Casefunds.BadInput.class, durability::file);
        assertTrue(synchronous.getMessage().startsWith("--synchronous NORMAL: "), synchronous.getMessage());

        Casefunds.BadInput otherDatabase = assertThrows(Casefunds.BadInput.class,
                () -> options("jdbc:mysql://db.court/ledger?password=s3cret", null).file());
        assertTrue(otherDatabase.getMessage().startsWith("--db jdbc:mysql://db.court/ledger?password=***: "),
                otherDatabase.getMessage());
    }

    @Test
    void aSchemaNameTheStoreWouldRefuseIsRefusedAsTheOption() {
        for (String bad : new String[] {"Court-BJ02", "1court", "court;drop", "a".repeat(64), " "}) {
            InvalidInputException refused = assertThrows(InvalidInputException.class,
                    () -> options("jdbc:postgresql://db.court/ledger", bad).openForReading(), bad);
            assertEquals(Optional.of("--schema"), refused.field(), refused.getMessage());
        }
    }

    @Test
    void aUrlTheDriverCannotReadIsRefusedWithoutItsPassword() {
        Casefunds.BadInput refused = assertThrows(Casefunds.BadInput.class,
                () -> options("jdbc:postgresql://db.court:notaport/ledger?password=s3cret", null).openForReading());
        assertTrue(refused.getMessage().startsWith("--db jdbc:postgresql://db.court:notaport/ledger?password=***: "),
                refused.getMessage());
        assertFalse(refused.getMessage().contains("s3cret"), refused.getMessage());
    }
}
