package org.casefunds.ledger.reconciliation;

import java.time.LocalDate;
import java.util.Optional;
import java.util.function.LongPredicate;
import java.util.stream.Stream;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.Limits;
import org.casefunds.ledger.commands.Request;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.money.Amounts;
import org.casefunds.ledger.state.LedgerView;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * Reconciles one master account's bank statement with the ledger over a period (docs/domain.md item
 * 26). Add the statement's lines in file order with {@link #add}; then {@link #reconcile} streams
 * the journal's bank lines of the account against them and reports what matched and what did not.
 *
 * <p>Lines are matched by reference (the bank serial number; unique in a statement) and direction.
 * A ledger line of the period whose statement line agrees in amount and date is matched; a
 * different amount is an amount mismatch, the same amount on another date a date mismatch. A
 * ledger line of the period also finds its statement line dated outside the period (a date
 * mismatch), and a statement line of the period finds a ledger line dated outside it with the same
 * amount (a date mismatch too). What is left is only in the bank or only in the ledger.
 *
 * <p>Memory: the statement is held compactly (about 60 bytes a line plus its texts) and the
 * journal is streamed, never held; each category keeps its first {@code detailLimit} lines for
 * the report while its count stays exact.
 *
 * <p>This class is not thread-safe; use one instance for one reconciliation.
 */
public final class Reconciliation implements LedgerBankLines.Sink {
    /** How many lines of each category a report shows unless told otherwise. */
    public static final int DETAIL_LINES_DEFAULT = 1_000;

    private final String bankAccount;
    private final CurrencyUnit currency;
    private final LocalDate from;
    private final LocalDate to;
    private final int detailLimit;
    private final StatementLines statement = new StatementLines();
    private final StatementBalances balances;
    private final Capped<LedgerLine> onlyInLedger;
    private final Capped<Mismatch> amountMismatches;
    private final Capped<Mismatch> dateMismatches;
    private final Capped<Correction> corrected;
    private long outsidePeriod;
    private long matched;
    private long ledgerBeforeMinor;
    private long ledgerInPeriodMinor;
    private boolean streaming;
    private boolean finished;

    private Reconciliation(String bankAccount, CurrencyUnit currency, LocalDate from, LocalDate to, int detailLimit) {
        this.bankAccount = bankAccount;
        this.currency = currency;
        this.from = from;
        this.to = to;
        this.detailLimit = detailLimit;
        this.balances = new StatementBalances(detailLimit);
        this.onlyInLedger = new Capped<>(detailLimit);
        this.amountMismatches = new Capped<>(detailLimit);
        this.dateMismatches = new Capped<>(detailLimit);
        this.corrected = new Capped<>(detailLimit);
    }

    /**
     * A reconciliation of master account {@code bankAccount} (in {@code currency}) over the days
     * {@code from} to {@code to}, both included, showing {@link #DETAIL_LINES_DEFAULT} lines a category.
     *
     * @throws InvalidInputException if a value is missing or {@code to} is before {@code from}
     */
    public static Reconciliation of(String bankAccount, CurrencyUnit currency, LocalDate from, LocalDate to) {
        return of(bankAccount, currency, from, to, DETAIL_LINES_DEFAULT);
    }

    /** Like {@link #of(String, CurrencyUnit, LocalDate, LocalDate)}, showing {@code detailLimit} lines a category. */
    public static Reconciliation of(String bankAccount, CurrencyUnit currency, LocalDate from, LocalDate to,
            int detailLimit) {
        String account = Checks.requiredText(bankAccount, "bankAccount", Limits.ACCOUNT_NUMBER_LENGTH_MAX);
        Checks.required(currency, "currency");
        Checks.required(from, "from");
        Checks.required(to, "to");
        Checks.argument(!to.isBefore(from), "to", to, "is before from (" + from + "); a period ends on or after it");
        Checks.argument(detailLimit >= 0 && detailLimit <= Limits.RECONCILIATION_DETAIL_LINES_MAX, "detailLimit", detailLimit,
                "must be between 0 and " + Limits.RECONCILIATION_DETAIL_LINES_MAX);
        return new Reconciliation(account, currency, from, to, detailLimit);
    }

    /**
     * Adds the statement's next line, in the statement's order (its running balance is checked in
     * that order).
     *
     * @throws InvalidInputException if the line is in another currency, its reference is already on
     *     another line of the statement (naming that line), or the statement is too long
     * @throws IllegalStateException once the ledger's lines have started to stream
     */
    public void add(StatementLine line) {
        Checks.required(line, "line");
        if (streaming || finished) {
            throw new IllegalStateException("the statement's lines are all added before the ledger's stream");
        }
        Amounts.sameCurrency(line.amount(), currency, "amount", "master account " + bankAccount);
        int earlier = statement.find(line.reference());
        if (earlier >= 0) {
            throw new InvalidInputException(ErrorCode.ALREADY_EXISTS, "reference", line.reference(),
                    "is also the serial number of line " + statement.lineNumber(earlier)
                            + "; a bank serial number appears once in a statement");
        }
        // The compact store keeps line numbers in 32 bits: far beyond any statement's length.
        Checks.argument(line.lineNumber() <= Integer.MAX_VALUE, "lineNumber", line.lineNumber(),
                "is beyond the " + Integer.MAX_VALUE + " lines a statement may number");
        if (statement.size() >= Limits.STATEMENT_LINES_MAX) {
            throw new InvalidInputException(ErrorCode.LIMIT_EXCEEDED, "lineNumber", line.lineNumber(),
                    "a statement holds at most " + Limits.STATEMENT_LINES_MAX + " lines; reconcile it in parts");
        }
        boolean inPeriod = inPeriod(line.valueDate());
        statement.add(line, inPeriod);
        balances.add(line, inPeriod);
        if (!inPeriod) {
            outsidePeriod++;
        }
    }

    /**
     * Streams the journal's bank lines of the account against the statement and reports.
     *
     * @param events the journal's events from the first, in sequence order; the caller closes them
     * @param view the ledger's state, asked which events were reversed (see {@link LedgerBankLines})
     * @param ledgerOpening the ledger's posted balance of {@code bank:<no>} at the end of the day
     *     before {@code from}; checked against the journal's own lines
     * @param ledgerClosing its posted balance at the end of {@code to}; checked likewise
     * @throws org.casefunds.ledger.base.IntegrityException if the balances given are not what the
     *     journal's lines add up to
     */
    public ReconciliationReport reconcile(Stream<Event> events, LedgerView view, Money ledgerOpening,
            Money ledgerClosing) {
        LedgerBankLines.read(events, view, bankAccount, from, to, this);
        return finish(ledgerOpening, ledgerClosing);
    }

    /** As {@link #reconcile(Stream, LedgerView, Money, Money)}, told which events were reversed by {@code reversed}. */
    public ReconciliationReport reconcile(Stream<Event> events, LongPredicate reversed,
            Money ledgerOpening, Money ledgerClosing) {
        LedgerBankLines.read(events, reversed, bankAccount, from, to, this);
        return finish(ledgerOpening, ledgerClosing);
    }

    /**
     * Takes the ledger's next bank line of the account, dated in the period or not; {@link
     * LedgerBankLines} calls it, and a caller that derives the lines itself may too.
     */
    @Override
    public void line(LedgerLine line) {
        Checks.required(line, "line");
        startStreaming();
        Amounts.sameCurrency(line.amount(), currency, "amount", "master account " + bankAccount);
        if (line.valueDate().isBefore(from)) {
            ledgerBeforeMinor = sum(ledgerBeforeMinor, line.movementMinor());
            considerCandidate(line);
        } else if (line.valueDate().isAfter(to)) {
            considerCandidate(line);
        } else {
            ledgerInPeriodMinor = sum(ledgerInPeriodMinor, line.movementMinor());
            matchInPeriod(line);
        }
    }

    /** Takes an event of the period and its reversal, also of the period: they cancel. */
    @Override
    public void corrected(Correction correction) {
        Checks.required(correction, "correction");
        startStreaming();
        Checks.invariant(inPeriod(correction.original().valueDate()) && inPeriod(correction.reversalDate()),
                "a correction's event and reversal are both dated in the period");
        corrected.add(correction);
    }

    /**
     * The report, once every ledger line was given to {@link #line} and {@link #corrected}.
     *
     * @throws org.casefunds.ledger.base.IntegrityException if the balances given are not what the
     *     ledger's lines add up to
     */
    public ReconciliationReport finish(Money ledgerOpening, Money ledgerClosing) {
        Amounts.sameCurrency(Checks.required(ledgerOpening, "ledgerOpening"), currency, "ledgerOpening",
                "master account " + bankAccount);
        Amounts.sameCurrency(Checks.required(ledgerClosing, "ledgerClosing"), currency, "ledgerClosing",
                "master account " + bankAccount);
        if (finished) {
            throw new IllegalStateException("a reconciliation reports once");
        }
        finished = true;
        // Pair check across the boundary: the posted balances (a projection) and the journal's lines agree.
        Checks.invariant(ledgerOpening.getAmountMinorLong() == ledgerBeforeMinor, "the posted balance of bank:"
                + bankAccount + " before " + from + " is " + ledgerOpening + " but its lines add up to "
                + Money.ofMinor(currency, ledgerBeforeMinor));
        long closingMinor = sum(ledgerBeforeMinor, ledgerInPeriodMinor);
        Checks.invariant(ledgerClosing.getAmountMinorLong() == closingMinor, "the posted balance of bank:"
                + bankAccount + " at the end of " + to + " is " + ledgerClosing + " but its lines add up to "
                + Money.ofMinor(currency, closingMinor));
        Capped<StatementLine> onlyInBank = new Capped<>(detailLimit);
        for (int index = 0; index < statement.size(); index++) {
            if (!statement.inPeriod(index)) {
                continue;
            }
            if (statement.state(index) == StatementLines.FREE) {
                onlyInBank.add(statement.line(index, currency));
            } else if (statement.state(index) == StatementLines.CANDIDATE) {
                dateMismatches.add(new Mismatch(statement.line(index, currency),
                        statement.candidateLine(index, currency)));
            }
        }
        return new ReconciliationReport(bankAccount, from, to, ledgerOpening, ledgerClosing,
                balances.opening(currency), balances.closing(currency), statement.size(), outsidePeriod, matched,
                onlyInBank.listing(), onlyInLedger.listing(), amountMismatches.listing(), dateMismatches.listing(),
                corrected.listing(), balances.breaks());
    }

    private void startStreaming() {
        if (finished) {
            throw new IllegalStateException("the reconciliation has reported; start a new one");
        }
        streaming = true;
    }

    /** A ledger line of the period takes its statement line, in the period or not, for good. */
    private void matchInPeriod(LedgerLine line) {
        int index = statement.find(line.reference());
        if (index < 0 || statement.direction(index) != line.direction()
                || statement.state(index) == StatementLines.TAKEN) {
            onlyInLedger.add(line);
            return;
        }
        boolean sameAmount = statement.amountMinor(index) == line.amount().getAmountMinorLong();
        boolean sameDate = statement.epochDay(index) == line.valueDate().toEpochDay();
        if (!statement.inPeriod(index) && !sameAmount) {
            // Another amount on a day outside the period is not this line's transaction.
            onlyInLedger.add(line);
            return;
        }
        statement.take(index);
        if (!sameAmount) {
            amountMismatches.add(new Mismatch(statement.line(index, currency), line));
        } else if (!sameDate) {
            dateMismatches.add(new Mismatch(statement.line(index, currency), line));
        } else {
            matched++;
        }
    }

    /**
     * A ledger line dated outside the period is the statement line's transaction only if no line of
     * the period claims it; it is kept as a candidate until the stream ends.
     */
    private void considerCandidate(LedgerLine line) {
        int index = statement.find(line.reference());
        if (index >= 0 && statement.inPeriod(index) && statement.state(index) == StatementLines.FREE
                && statement.direction(index) == line.direction()
                && statement.amountMinor(index) == line.amount().getAmountMinorLong()) {
            statement.candidate(index, line);
        }
    }

    private boolean inPeriod(LocalDate date) {
        return !date.isBefore(from) && !date.isAfter(to);
    }

    static long sum(long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw new InvalidInputException(ErrorCode.LIMIT_EXCEEDED, "amount", b,
                    "the amounts add up beyond what a 64-bit count of minor units holds", e);
        }
    }

    /** The statement's own balances: its opening and closing for the period, and its running balance. */
    private static final class StatementBalances {
        private final Capped<BalanceBreak> breaks;
        private boolean runningKnown;
        private long runningMinor;
        private long periodMovementMinor;
        private boolean openingKnown;
        private long openingMinor;
        private long lastBalanceMinor;
        private long movementSinceLastBalanceMinor;

        StatementBalances(int detailLimit) {
            this.breaks = new Capped<>(detailLimit);
        }

        void add(StatementLine line, boolean inPeriod) {
            long movement = line.movementMinor();
            if (runningKnown) {
                runningMinor = sum(runningMinor, movement);
            }
            Optional<Money> stated = line.balanceAfter();
            if (stated.isPresent()) {
                long balance = stated.get().getAmountMinorLong();
                if (runningKnown && runningMinor != balance) {
                    breaks.add(new BalanceBreak(line.lineNumber(), Money.ofMinor(stated.get().getCurrencyUnit(),
                            runningMinor), stated.get()));
                }
                runningMinor = balance;
                runningKnown = true;
            }
            if (!inPeriod) {
                return;
            }
            periodMovementMinor = sum(periodMovementMinor, movement);
            if (stated.isPresent()) {
                if (!openingKnown) {
                    openingMinor = stated.get().getAmountMinorLong() - periodMovementMinor;
                    openingKnown = true;
                }
                lastBalanceMinor = stated.get().getAmountMinorLong();
                movementSinceLastBalanceMinor = 0;
            } else {
                movementSinceLastBalanceMinor = sum(movementSinceLastBalanceMinor, movement);
            }
        }

        Optional<Money> opening(CurrencyUnit currency) {
            return openingKnown ? Optional.of(Money.ofMinor(currency, openingMinor)) : Optional.empty();
        }

        Optional<Money> closing(CurrencyUnit currency) {
            return openingKnown ? Optional.of(Money.ofMinor(currency, lastBalanceMinor + movementSinceLastBalanceMinor))
                    : Optional.empty();
        }

        Listing<BalanceBreak> breaks() {
            return breaks.listing();
        }
    }
}
