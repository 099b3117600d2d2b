package org.casefunds.examples.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.reconciliation.Correction;
import org.casefunds.ledger.reconciliation.Direction;
import org.casefunds.ledger.reconciliation.LedgerBankLines;
import org.casefunds.ledger.reconciliation.LedgerLine;
import org.casefunds.ledger.store.JournalStore;
import org.joda.money.Money;

/**
 * The bank statement a court's bank would send for a master account over a period, made from the
 * ledger's own bank lines: the benchmark's reconcile input, one line per movement, in date order
 * with a running balance, in the format {@code casefunds reconcile} reads.
 */
final class BenchStatement {
    private BenchStatement() {
    }

    /** Writes the statement; the number of lines. */
    static long write(Ledger ledger, String bankAccount, LocalDate from, LocalDate to, Path file) throws IOException {
        List<LedgerLine> lines = new ArrayList<>();
        JournalStore store = ledger.store();
        Set<Long> reversed = LedgerBankLines.reversedSequences(store);
        try (Stream<Event> events = store.read(1, LedgerBankLines.KINDS)) {
            LedgerBankLines.read(events, reversed::contains, bankAccount, from, to, new LedgerBankLines.Sink() {
                @Override
                public void line(LedgerLine line) {
                    if (!line.valueDate().isBefore(from) && !line.valueDate().isAfter(to)) {
                        lines.add(line);
                    }
                }

                @Override
                public void corrected(Correction correction) {
                    // A mistake and its correction never reached the bank.
                }
            });
        }
        lines.sort((a, b) -> a.valueDate().equals(b.valueDate()) ? Long.compare(a.eventSequence(), b.eventSequence())
                : a.valueDate().compareTo(b.valueDate()));
        Money balance = null;
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader("本方账号", "交易日期",
                        "交易流水号", "借方发生额", "贷方发生额", "余额", "摘要").get())) {
            for (LedgerLine line : lines) {
                balance = balance == null ? line.amount().withAmount(0) : balance;
                boolean credit = line.direction() == Direction.CREDIT;
                balance = credit ? balance.plus(line.amount()) : balance.minus(line.amount());
                String amount = line.amount().getAmount().toPlainString();
                csv.printRecord(bankAccount, line.valueDate(), line.reference(), credit ? "0.00" : amount,
                        credit ? amount : "0.00", balance.getAmount().toPlainString(), line.eventKind().name());
            }
        }
        return lines.size();
    }
}
