package org.casefunds.ledger.sql.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.casefunds.ledger.reports.DoubleZero;
import org.casefunds.ledger.sql.PostgresServerAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goal: the README's SQL embedding example compiles, runs on a SQLite file and on a real
 * PostgreSQL server, and both give the same double-zero figures.
 *
 * <p>Method: the example lives in {@link SqlEmbeddingExample} between markers; the test checks the
 * README quotes those lines, runs them, and reads the figures: one unidentified receipt of 3,000.00
 * arrived on Monday 03-03, so on 03-31 it is past its 3-working-day claiming deadline (03-06).
 */
class SqlReadmeTest {
    @TempDir
    Path folder;

    @Test
    void theReadmeQuotesTheExampleVerbatim() throws IOException {
        String source = Files.readString(Path.of("src/test/java/org/casefunds/ledger/sql/readme/"
                + "SqlEmbeddingExample.java"), StandardCharsets.UTF_8);
        int from = source.indexOf("// README-SQL-BEGIN\n") + "// README-SQL-BEGIN\n".length();
        String example = source.substring(from, source.indexOf("        // README-SQL-END", from)).stripTrailing();
        String unindented = example.lines().map(line -> line.length() >= 8 ? line.substring(8) : line.strip())
                .collect(Collectors.joining("\n"));
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        assertTrue(readme.contains(unindented), "README.md must quote SqlEmbeddingExample verbatim:\n" + unindented);
    }

    @Test
    void theExampleRunsOnSqliteAndPostgres() {
        SqlEmbeddingExample.Figures figures = SqlEmbeddingExample.run(folder, PostgresServerAccess.dataSource());
        for (DoubleZero each : List.of(figures.onSqlite(), figures.onPostgres())) {
            assertFalse(each.strict(), each.toString());
            DoubleZero.Figures cny = each.currencies().get(0);
            assertEquals("CNY 3000.00", cny.unidentifiedAmount().toString());
            assertEquals("CNY 3000.00", cny.unidentifiedPastDeadlineAmount().toString());
            assertEquals(1, cny.unidentifiedReceipts());
        }
        assertEquals(figures.onSqlite(), figures.onPostgres(), "the same code gives the same figures");
    }
}
