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
 * <p>This class is immutable and thread-safe.
 */
public final class PostingsCsv implements LedgerExport {
    private static final String COLUMNS_TEXT =
            "sequence, effective_date, kind, idempotency_key, account, currency, debit, credit";
    private static final String[] COLUMNS = COLUMNS_TEXT.split(", ");

    /** The CSV export. */
    public static PostingsCsv of() {
        return new PostingsCsv();
    }

    private PostingsCsv() {
    }

    @Override
    public ExportSummary write(ExportSource source, Writer out) throws IOException {
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
