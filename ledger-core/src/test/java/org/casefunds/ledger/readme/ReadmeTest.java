package org.casefunds.ledger.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.casefunds.ledger.accounts.AccountBalance;
import org.junit.jupiter.api.Test;

/**
 * Goal: the README's embedding example compiles, runs, and gives the figures the README states.
 *
 * <p>Method: the example lives in {@link EmbeddingExample} between markers; this test checks the
 * README holds exactly those lines, runs the example, and checks its balances by hand: 65,000.00
 * arrived on 03-03, was noticed on 03-05 and paid on 03-07.
 */
class ReadmeTest {

    @Test
    void theReadmeQuotesTheExampleVerbatim() throws IOException {
        String source = Files.readString(Path.of("src/test/java/org/casefunds/ledger/readme/EmbeddingExample.java"),
                StandardCharsets.UTF_8);
        String example = between(source, "// README-BEGIN\n", "        // README-END");
        String unindented = example.lines().map(line -> line.length() >= 8 ? line.substring(8) : line.strip())
                .collect(Collectors.joining("\n"));
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        assertTrue(readme.contains(unindented), "README.md must quote EmbeddingExample verbatim:\n" + unindented);
    }

    @Test
    void theExampleRunsAndGivesTheStatedBalances() {
        EmbeddingExample.Figures figures = EmbeddingExample.run();
        // After settlement the case holds nothing: 65,000.00 in, 65,000.00 noticed and paid.
        assertEquals("CNY 0.00", figures.caseNow().posted().toString());
        Map<String, String> onNoticeDay = figures.onNoticeDay().stream().collect(Collectors.toMap(
                balance -> balance.account().toString(), AccountBalance::toString));
        // On 03-05 the notice is in transit: the bank still holds the money, with all of it pending.
        assertEquals("AccountBalance[account=bank:110060001, posted=CNY 65000.00, pending=CNY 65000.00, "
                + "available=CNY 0.00]", onNoticeDay.get("bank:110060001"));
        assertEquals("AccountBalance[account=case:（2025）京02执123号, posted=CNY 0.00, pending=CNY 65000.00, "
                + "available=CNY 0.00]", onNoticeDay.get("case:（2025）京02执123号"));
        assertEquals("AccountBalance[account=payouts-in-transit, posted=CNY 65000.00, pending=CNY 0.00, "
                + "available=CNY 65000.00]", onNoticeDay.get("payouts-in-transit"));
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start) + start.length();
        return text.substring(from, text.indexOf(end, from)).stripTrailing();
    }
}
