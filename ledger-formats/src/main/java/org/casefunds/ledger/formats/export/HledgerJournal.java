package org.casefunds.ledger.formats.export;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.casefunds.ledger.accounts.AccountBalance;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.accounts.Posting;
import org.casefunds.ledger.journal.Event;
import org.joda.money.CurrencyUnit;

/**
 * The ledger as an hledger journal (hledger 1.25 or later), so that hledger, which shares no code
 * with the ledger, recomputes every balance (docs/design.md §6, invariant 9).
 *
 * <p>The file holds, in this order:
 * <ol>
 * <li>{@code decimal-mark .} and one {@code commodity 1000.00 CNY} directive per currency, with
 *     the currency's decimals and no thousands separator;</li>
 * <li>one {@code account} directive per account, with its hledger type (Cash, Liability, Revenue),
 *     so that {@code hledger check --strict} finds every account and commodity declared;</li>
 * <li>one transaction per event that moves money, in sequence order, dated by its effective date,
 *     described {@code KIND | idempotency key}, tagged {@code sequence:N}; debits positive,
 *     credits negative; names as {@link HledgerNames} writes them;</li>
 * <li>at every month end from the first month with postings to the last, one transaction of
 *     balance assertions: every account and currency posted to by then, zero balances included,
 *     with the balance the ledger computes for that date.</li>
 * </ol>
 *
 * <p>Why the assertions come last: events may be back-dated (an effective date before that of
 * earlier events), and hledger checks assertions in date order and, within a date, in file order.
 * Written after every event, an assertion dated D is checked after every posting dated D or
 * earlier, wherever that posting sits in the file, and before every posting dated later.
 *
 * <p>Memory: events are streamed and written one at a time; the month-end balances come from one
 * query per month ({@link ExportSource#balancesAt}). What is held is one month's balance list.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class HledgerJournal implements LedgerExport {
    /** The line that opens the month-end balance assertions, which follow every event. */
    public static final String ASSERTIONS_HEADER = "; Balance assertions at every month end";
    private static final String INDENT = "    ";
    private static final String GAP = "  ";

    /** The hledger export. */
    public static HledgerJournal of() {
        return new HledgerJournal();
    }

    private HledgerJournal() {
    }

    @Override
    public ExportSummary write(ExportSource source, Writer out) throws IOException {
        writeDeclarations(source, out);
        Span span = writeTransactions(source, out);
        long assertions = writeMonthEnds(source, span, out);
        return new ExportSummary(span.events, span.transactions + " transactions and " + assertions
                + " balance assertions at " + span.months() + " month ends");
    }

    private static void writeDeclarations(ExportSource source, Writer out) throws IOException {
        out.write("; The enforcement-funds ledger of court " + source.courtCode().orElse("(not opened)")
                + ", events 1 to " + source.lastSequence() + ", written by `casefunds export --format hledger`.\n");
        out.write("; Check it with `hledger -f FILE check --strict`: every balance assertion must hold.\n");
        out.write("; Debits are positive and credits negative, so liabilities and income show negative balances.\n");
        out.write("decimal-mark .\n\n");
        Set<AccountId> accounts = new TreeSet<>();
        Set<CurrencyUnit> currencies = new TreeSet<>();
        for (AccountBalance balance : source.accounts()) {
            accounts.add(balance.account());
            currencies.add(balance.posted().getCurrencyUnit());
        }
        for (CurrencyUnit currency : currencies) {
            out.write("commodity " + HledgerNames.commodityFormat(currency) + "\n");
        }
        out.write("\n");
        for (AccountId account : accounts) {
            out.write("account " + HledgerNames.account(account) + GAP + "; type: " + HledgerNames.type(account)
                    + "\n");
        }
    }

    /** What the transactions covered: how many, and the first and last effective dates with postings. */
    private static final class Span {
        long events;
        long transactions;
        LocalDate first;
        LocalDate last;

        void add(Event event) {
            events++;
            if (event.postings().isEmpty()) {
                return;
            }
            transactions++;
            LocalDate date = event.effectiveDate();
            first = first == null || date.isBefore(first) ? date : first;
            last = last == null || date.isAfter(last) ? date : last;
        }

        long months() {
            return first == null ? 0 : YearMonth.from(first).until(YearMonth.from(last), ChronoUnit.MONTHS) + 1;
        }
    }

    private static Span writeTransactions(ExportSource source, Writer out) throws IOException {
        Span span = new Span();
        try (Stream<Event> events = source.events()) {
            for (Iterator<Event> each = events.iterator(); each.hasNext();) {
                Event event = each.next();
                span.add(event);
                if (!event.postings().isEmpty()) {
                    writeTransaction(event, out);
                }
            }
        }
        return span;
    }

    private static void writeTransaction(Event event, Writer out) throws IOException {
        out.write("\n" + event.effectiveDate() + " " + event.kind().name() + " | "
                + HledgerNames.escapeDescription(event.idempotencyKey()) + GAP + "; sequence:" + event.sequence()
                + "\n");
        for (Posting posting : event.postings()) {
            out.write(INDENT + HledgerNames.account(posting.account()) + GAP
                    + HledgerNames.posting(posting.side(), posting.amount()) + "\n");
        }
    }

    private static long writeMonthEnds(ExportSource source, Span span, Writer out) throws IOException {
        if (span.first == null) {
            return 0;
        }
        out.write("\n" + ASSERTIONS_HEADER + ", after all the events: events may be back-dated, and\n"
                + "; hledger checks assertions in date order and, within a date, in file order, so each one below\n"
                + "; is checked after every posting dated on or before its date. Zero postings carry them.\n");
        long assertions = 0;
        YearMonth last = YearMonth.from(span.last);
        for (YearMonth month = YearMonth.from(span.first); !month.isAfter(last); month = month.plusMonths(1)) {
            assertions += writeMonthEnd(month.atEndOfMonth(), source.balancesAt(month.atEndOfMonth()), out);
        }
        return assertions;
    }

    private static int writeMonthEnd(LocalDate monthEnd, List<AccountBalance> balances, Writer out)
            throws IOException {
        out.write("\n" + monthEnd + " month-end balances | " + YearMonth.from(monthEnd) + "\n");
        for (AccountBalance balance : balances) {
            CurrencyUnit currency = balance.posted().getCurrencyUnit();
            out.write(INDENT + HledgerNames.account(balance.account()) + GAP + HledgerNames.zero(currency) + " = "
                    + HledgerNames.balance(balance.account(), balance.posted()) + "\n");
        }
        return balances.size();
    }
}
