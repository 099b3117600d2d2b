package org.casefunds.ledger.formats.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Goal: the CSV export begins with a byte-order mark, so that Excel on Chinese Windows reads it as
 * UTF-8, then the header. (That every posting is a balanced row is ExportIT's, on a real court.)
 *
 * <p>Method: the export of an in-memory ledger that is opened but moves no money.
 */
class PostingsCsvTest {
    @Test
    void theTextBeginsWithAByteOrderMarkThenTheHeader() throws Exception {
        try (Ledger ledger = Fixtures.openedLedger()) {
            StringWriter out = new StringWriter();
            ExportSummary summary = PostingsCsv.of().write(ExportSource.of(ledger), out);
            assertEquals("\uFEFFsequence,effective_date,kind,idempotency_key,account,currency,debit,credit\r\n",
                    out.toString(), "no money moved: the mark and the header only");
            assertEquals("0 posting rows", summary.written());
        }
    }
}
