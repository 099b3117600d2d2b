package org.casefunds.ledger.reconciliation;

import static org.casefunds.ledger.testing.Fixtures.ADMINISTRATOR;
import static org.casefunds.ledger.testing.Fixtures.BANK;
import static org.casefunds.ledger.testing.Fixtures.BY_DIRECTOR;
import static org.casefunds.ledger.testing.Fixtures.BY_HEAD;
import static org.casefunds.ledger.testing.Fixtures.CNY;
import static org.casefunds.ledger.testing.Fixtures.FINANCE;
import static org.casefunds.ledger.testing.Fixtures.HANDLER;
import static org.casefunds.ledger.testing.Fixtures.cny;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.accounts.AccountBalance;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.commands.ChargeExecutionFee;
import org.casefunds.ledger.commands.Command;
import org.casefunds.ledger.commands.IssuePayoutNotice;
import org.casefunds.ledger.commands.RecordReceipt;
import org.casefunds.ledger.commands.Reverse;
import org.casefunds.ledger.commands.SettleDisbursement;
import org.casefunds.ledger.commands.SweepFees;
import org.casefunds.ledger.events.Payer;
import org.casefunds.ledger.events.ReceiptSource;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.testing.Fixtures;
import org.joda.money.Money;

/**
 * A small ledger whose master account moves money in every way reconciliation knows, around the
 * period March 2025: receipts, a settled payout, a fee sweep, and reversals on each side of the
 * period. The comments give each movement's bank line.
 */
final class MarchLedger {
    static final LocalDate FROM = LocalDate.of(2025, 3, 1);
    static final LocalDate TO = LocalDate.of(2025, 3, 31);

    final Ledger ledger = Fixtures.openedLedger();

    MarchLedger() {
        ledger.execute(Fixtures.openCase("case-1", HANDLER, 1, Fixtures.DAY_ONE));
        receipt("SN-G", "2025-02-10", "70.00");            // before, reversed before: no line
        reverse("rev-G", "2025-02-11", "SN-G");
        receipt("SN-A", "2025-02-20", "1000.00");          // before: credit
        receipt("SN-E", "2025-02-25", "100.00");           // before: credit, reversed in the period:
        reverse("rev-E", "2025-03-03", "SN-E");            //   debit SN-E on 03-03
        receipt("SN-B", "2025-03-05", "500.00");           // in: credit
        ledger.execute(Command.of("SN-C", ADMINISTRATOR, LocalDate.parse("2025-03-06"), RecordReceipt.of(BANK,
                "SN-C", cny("300.00"), Payer.of("王五", null, null), "无附言", ReceiptSource.OTHER, null)));
        ledger.execute(Command.of("notice-1", HANDLER, LocalDate.parse("2025-03-07"),
                IssuePayoutNotice.of(Fixtures.caseNumber(1), Fixtures.creditorAccount(1), cny("800.00")))
                .approvedBy(BY_HEAD));
        ledger.execute(Command.of("settle-1", FINANCE, LocalDate.parse("2025-03-10"),
                new SettleDisbursement("notice-1", "OUT-1")));  // in: debit OUT-1
        receipt("SN-D", "2025-03-12", "200.00");           // in, reversed in: a correction
        reverse("rev-D", "2025-03-13", "SN-D");
        ledger.execute(Command.of("fee-1", HANDLER, LocalDate.parse("2025-03-15"),
                new ChargeExecutionFee(Fixtures.caseNumber(1), cny("10000.00"))));
        ledger.execute(Command.of("sweep-1", FINANCE, LocalDate.parse("2025-03-20"),
                new SweepFees(cny("50.00"), BANK, "FEE-1")));    // in: debit FEE-1
        receipt("SN-F", "2025-03-28", "40.00");            // in: credit, reversed after the period:
        reverse("rev-F", "2025-04-02", "SN-F");            //   debit SN-F on 04-02, outside
        receipt("SN-H", "2025-04-03", "60.00");            // after: credit
    }

    private void receipt(String serial, String date, String amount) {
        ledger.execute(Command.of(serial, ADMINISTRATOR, LocalDate.parse(date), RecordReceipt.of(BANK, serial,
                cny(amount), Payer.of("债务人1", "62281", "农业银行北京分行"), "还款", ReceiptSource.DEBTOR_PAYMENT,
                Fixtures.subAccount(1))));
    }

    private void reverse(String key, String date, String event) {
        ledger.execute(Command.of(key, FINANCE, LocalDate.parse(date), new Reverse(event, "录入错误"))
                .approvedBy(BY_DIRECTOR));
    }

    /** The posted balance of the master account at the end of {@code date}. */
    Money posted(LocalDate date) {
        for (AccountBalance balance : ledger.balances(date)) {
            boolean bank = balance.account().equals(AccountId.bank(BANK));
            if (bank && balance.posted().getCurrencyUnit().equals(CNY)) {
                return balance.posted();
            }
        }
        return Money.zero(CNY);
    }

    /** The lines and corrections {@link LedgerBankLines} gives for the period, as text. */
    List<String> lines() {
        List<String> seen = new ArrayList<>();
        try (Stream<Event> events = ledger.events(1)) {
            LedgerBankLines.read(events, ledger.view(), BANK, FROM, TO, sink(seen));
        }
        return seen;
    }

    /** A sink that writes what it is told, as text, to {@code seen}. */
    static LedgerBankLines.Sink sink(List<String> seen) {
        return new LedgerBankLines.Sink() {
            @Override
            public void line(LedgerLine line) {
                seen.add(line.reference() + " " + line.direction() + " " + line.amount().getAmount() + " "
                        + line.valueDate() + " " + line.eventKind());
            }

            @Override
            public void corrected(Correction correction) {
                seen.add("corrected " + correction.original().reference() + " " + correction.reversalDate());
            }
        };
    }

    /** Reconciles {@code reconciliation} with this ledger's journal and its posted balances of March. */
    ReconciliationReport reconcile(Reconciliation reconciliation, Money opening, Money closing) {
        try (Stream<Event> events = ledger.events(1)) {
            return reconciliation.reconcile(events, ledger.view(), opening, closing);
        }
    }

    /** The statement line that matches a ledger line; line numbers count from 2 (line 1 is a header). */
    static StatementLine line(int number, String serial, String date, Direction direction, String amount,
            String balance) {
        return StatementLine.of(number, serial, LocalDate.parse(date), direction, cny(amount), "对方", "摘要",
                balance == null ? null : cny(balance));
    }
}
