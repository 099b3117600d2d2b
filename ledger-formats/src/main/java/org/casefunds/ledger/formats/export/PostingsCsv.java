package org.casefunds.ledger.formats.export;

import java.io.IOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.casefunds.ledger.accounts.Posting;
import org.casefunds.ledger.accounts.Side;
import org.casefunds.ledger.journal.Event;

/**
 * The postings as CSV (RFC 4180, UTF-8, with a header): one row per posting, in sequence order,
 * columns {@value #COLUMNS_TEXT}. The account is the ledger's own name ({@code case:（2025）京02执123号});
 * debit and credit are decimal strings with the currency's decimals, the other side left empty.
 * Events that move no money have no rows. Quoting is commons-csv's.
 *
 * <p>The text begins with a byte-order mark ({@link #BYTE_ORDER_MARK}, the bytes EF BB BF in
 * UTF-8): without it Excel on Chinese Windows reads the file as GBK and garbles every Chinese name.
 * Tools that read UTF-8 CSV skip it (Python's {@code utf-8-sig}, commons-io's {@code BOMInputStream}).
 *
 * <p>This class is immutable and thread-safe.
 */
public final class PostingsCsv implements LedgerExport {
    private static final String COLUMNS_TEXT =
            "sequence, effective_date, kind, idempotency_key, account, currency, debit, credit";
    private static final String[] COLUMNS = COLUMNS_TEXT.split(", ");
    /** The first character the export writes: U+FEFF, the bytes EF BB BF in UTF-8. */
    public static final char BYTE_ORDER_MARK = '\uFEFF';

    /** The CSV export. */
    public static PostingsCsv of() {
        return new PostingsCsv();
    }

    private PostingsCsv() {
    }

    @Override
    public ExportSummary write(ExportSource source, Writer out) throws IOException {
        out.write(BYTE_ORDER_MARK);
        CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(COLUMNS).get());
        long events = 0;
        long rows = 0;
        try (Stream<Event> stream = source.events()) {
            for (Iterator<Event> each = stream.iterator(); each.hasNext();) {
                Event event = each.next();
                events++;
                for (Posting posting : event.postings()) {
                    String amount = posting.amount().getAmount().toPlainString();
                    printer.printRecord(event.sequence(), event.effectiveDate(), event.kind().name(),
                            event.idempotencyKey(), posting.account(), posting.amount().getCurrencyUnit().getCode(),
                            posting.side() == Side.DEBIT ? amount : "", posting.side() == Side.CREDIT ? amount : "");
                    rows++;
                }
            }
        }
        // Flushed, not closed: the file belongs to the caller.
        printer.flush();
        return new ExportSummary(events, rows + " posting rows");
    }
}
