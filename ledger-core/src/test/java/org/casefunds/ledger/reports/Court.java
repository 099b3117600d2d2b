package org.casefunds.ledger.reports;

import static org.casefunds.ledger.testing.Fixtures.ADMINISTRATOR;
import static org.casefunds.ledger.testing.Fixtures.BANK;
import static org.casefunds.ledger.testing.Fixtures.BY_DIRECTOR;
import static org.casefunds.ledger.testing.Fixtures.BY_HEAD;
import static org.casefunds.ledger.testing.Fixtures.BY_LEADER;
import static org.casefunds.ledger.testing.Fixtures.CLOCK;
import static org.casefunds.ledger.testing.Fixtures.CNY;
import static org.casefunds.ledger.testing.Fixtures.DAY_ONE;
import static org.casefunds.ledger.testing.Fixtures.FINANCE;
import static org.casefunds.ledger.testing.Fixtures.HANDLER;
import static org.casefunds.ledger.testing.Fixtures.OTHER_HANDLER;
import static org.casefunds.ledger.testing.Fixtures.caseNumber;
import static org.casefunds.ledger.testing.Fixtures.cny;
import static org.casefunds.ledger.testing.Fixtures.creditorAccount;
import static org.casefunds.ledger.testing.Fixtures.debtor;
import static org.casefunds.ledger.testing.Fixtures.subAccount;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.approvals.Actor;
import org.casefunds.ledger.calendar.WorkingDayCalendar;
import org.casefunds.ledger.cases.BankDetails;
import org.casefunds.ledger.clock.LotStatus;
import org.casefunds.ledger.commands.ClaimUnidentified;
import org.casefunds.ledger.commands.Command;
import org.casefunds.ledger.commands.CommandResult;
import org.casefunds.ledger.commands.DepositWithNotary;
import org.casefunds.ledger.commands.GrantDeferral;
import org.casefunds.ledger.commands.IssuePayoutNotice;
import org.casefunds.ledger.commands.LiftDeferral;
import org.casefunds.ledger.commands.RecordReceipt;
import org.casefunds.ledger.commands.RefundUnidentified;
import org.casefunds.ledger.commands.ReturnDisbursement;
import org.casefunds.ledger.commands.Reverse;
import org.casefunds.ledger.commands.SettleDisbursement;
import org.casefunds.ledger.events.DepositReason;
import org.casefunds.ledger.events.Payer;
import org.casefunds.ledger.events.ReceiptSource;
import org.casefunds.ledger.policy.DeferralReason;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.store.InMemoryJournalStore;
import org.casefunds.ledger.testing.Fixtures;
import org.casefunds.ledger.testing.InvariantsAfterEachTest;
import org.joda.money.Money;

/**
 * The test court of the report tests: a ledger opened on {@link Fixtures#DAY_ONE} (2025-01-02) with
 * the reports over it on the China calendar, and one short method per command the report examples
 * repeat. Every command is run at once; a refusal fails the test where it happens.
 *
 * <p>Approvals follow the default policy: a payout, refund or deposit below 100,000.00 by the
 * division head, from 100,000.00 by the bureau director and the court leader; a deferral by the
 * bureau director and the court leader.
 */
final class Court {
    /** Where the unidentified refunds of the examples go back to. */
    static final BankDetails PAYER_ACCOUNT = BankDetails.of("张三", "62170001", "建设银行北京分行");

    private static final Money APPROVAL_TIER = cny("100000.00");

    final Ledger ledger;
    final CourtReports reports;

    private Court(Ledger ledger) {
        this.ledger = InvariantsAfterEachTest.track(ledger);
        this.reports = CourtReports.of(ledger, WorkingDayCalendar.china());
    }

    /** The test court under the default policy ({@code 10+5 working days}). */
    static Court opened() {
        return new Court(Fixtures.openedLedger());
    }

    /** The test court under {@code policy}. */
    static Court opened(Policy policy) {
        return opened(policy, CLOCK);
    }

    /** The test court under {@code policy}, recording events at {@code clock}'s instants. */
    static Court opened(Policy policy, java.time.Clock clock) {
        Ledger ledger = Ledger.open(new InMemoryJournalStore(), policy, clock);
        for (Command command : Fixtures.opening()) {
            ledger.execute(command);
        }
        return new Court(ledger);
    }

    /** An ISO date, so that the examples read like the hand counts in their comments. */
    static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    CommandResult run(Command command) {
        return ledger.execute(command);
    }

    /** Opens case {@code n} for {@code handler} on {@code DAY_ONE}, key {@code case-n}. */
    Court withCase(int n, Actor handler) {
        run(Fixtures.openCase("case-" + n, handler, n, DAY_ONE));
        return this;
    }

    /** Money paid to the sub-account of case {@code n}: routed by sub-account. */
    void receipt(String key, LocalDate date, String amount, int caseN) {
        run(Command.of(key, ADMINISTRATOR, date, RecordReceipt.of(BANK, "SN-" + key, cny(amount),
                Payer.of(debtor(caseN), "6228" + caseN, "农业银行北京分行"), null, ReceiptSource.DEBTOR_PAYMENT,
                subAccount(caseN))));
    }

    /** Money paid to the master account with case {@code n}'s number in the memo: routed by case number. */
    void receiptByMemo(String key, LocalDate date, String amount, int caseN) {
        run(Command.of(key, ADMINISTRATOR, date, RecordReceipt.of(BANK, "SN-" + key, cny(amount),
                Payer.of(debtor(caseN), "6228" + caseN, "农业银行北京分行"), caseNumber(caseN) + " 执行款",
                ReceiptSource.DEBTOR_PAYMENT, null)));
    }

    /** Money without sub-account, case number or memo: it waits as unidentified. */
    void unidentified(String key, LocalDate date, String amount) {
        run(Command.of(key, ADMINISTRATOR, date, RecordReceipt.of(BANK, "SN-" + key, cny(amount),
                Payer.of(PAYER_ACCOUNT.holder(), PAYER_ACCOUNT.accountNumber(), PAYER_ACCOUNT.bank()), null,
                ReceiptSource.OTHER, null)));
    }

    /** The fund administrator claims {@code amount} of unidentified receipt {@code receipt} into case {@code n}. */
    void claim(String key, LocalDate date, String receipt, int caseN, String amount) {
        run(Command.of(key, ADMINISTRATOR, date, ClaimUnidentified.of(receipt, caseNumber(caseN), cny(amount))));
    }

    /** The fund administrator refunds {@code amount} of unidentified receipt {@code receipt} to its payer. */
    void refund(String key, LocalDate date, String receipt, String amount) {
        run(Command.of(key, ADMINISTRATOR, date, new RefundUnidentified(receipt, cny(amount), PAYER_ACCOUNT,
                "paid by mistake")).approvedBy(BY_HEAD));
    }

    /** The case's handler issues a payout notice of {@code amount} to the case's creditor. */
    void notice(String key, LocalDate date, int caseN, String amount) {
        run(approved(Command.of(key, handlerOf(caseN), date,
                IssuePayoutNotice.of(caseNumber(caseN), creditorAccount(caseN), cny(amount))), amount));
    }

    /** The case's handler deposits {@code amount} with a notary: the creditor cannot be found. */
    void deposit(String key, LocalDate date, int caseN, String amount) {
        run(approved(Command.of(key, handlerOf(caseN), date, new DepositWithNotary(caseNumber(caseN),
                BankDetails.of("北京市方圆公证处", "11001234", "工商银行北京分行"), cny(amount),
                DepositReason.CREDITOR_UNKNOWN, Optional.empty(), Optional.empty())), amount));
    }

    /** Finance records that the bank paid {@code disbursement}. */
    void settle(String key, LocalDate date, String disbursement) {
        run(Command.of(key, FINANCE, date, new SettleDisbursement(disbursement, "OUT-" + key)));
    }

    /** Finance records that the bank returned {@code disbursement} (wrong account). */
    void returned(String key, LocalDate date, String disbursement) {
        run(Command.of(key, FINANCE, date, new ReturnDisbursement(disbursement, "账户已销户")));
    }

    /**
     * The case's handler defers the payout of case {@code n} from {@code start} to {@code end}, granted
     * on {@code date}, for all its money ({@code amount} null) or for {@code amount}.
     */
    void defer(String key, LocalDate date, int caseN, LocalDate start, LocalDate end, String amount) {
        run(Command.of(key, handlerOf(caseN), date, new GrantDeferral(caseNumber(caseN),
                DeferralReason.DISTRIBUTION, "several creditors; distribution plan under objection", start, end,
                Optional.ofNullable(amount).map(Fixtures::cny))).approvedBy(BY_DIRECTOR, BY_LEADER));
    }

    /** The case's handler lifts deferral {@code deferral} on {@code date}. */
    void lift(String key, LocalDate date, int caseN, String deferral) {
        run(Command.of(key, handlerOf(caseN), date, new LiftDeferral(deferral, "the plan became final")));
    }

    /** Reverses event {@code event}, approved by the bureau director. */
    void reverse(String key, LocalDate date, Actor actor, String event) {
        run(Command.of(key, actor, date, new Reverse(event, "recorded by mistake")).approvedBy(BY_DIRECTOR));
    }

    private Actor handlerOf(int caseN) {
        String id = ledger.view().caseRecord(caseNumber(caseN)).orElseThrow().handler();
        return id.equals(HANDLER.id()) ? HANDLER : OTHER_HANDLER;
    }

    private static Command approved(Command command, String amount) {
        return cny(amount).isLessThan(APPROVAL_TIER) ? command.approvedBy(BY_HEAD)
                : command.approvedBy(BY_DIRECTOR, BY_LEADER);
    }

    // ------------------------------------------------------------------ assertions

    /** The case lines of case {@code n} on {@code date}, in the clock's order (earliest deadline first). */
    List<CaseLotStatus> linesOf(int caseN, LocalDate date) {
        return reports.caseLots(date).stream().filter(line -> line.caseNumber().equals(caseNumber(caseN)))
                .toList();
    }

    /** The only line of case {@code n} on {@code date}. */
    LotStatus onlyLotOf(int caseN, LocalDate date) {
        List<CaseLotStatus> lines = linesOf(caseN, date);
        assertEquals(1, lines.size(), "one line for case " + caseN + " on " + date + ": " + lines);
        return lines.get(0).status();
    }

    /** Asserts a lot status: amount, deadline, state, working days left and colour. */
    static void assertStatus(LotStatus status, String amount, LocalDate deadline, LotStatus.State state,
            int daysLeft, LotStatus.Colour colour) {
        String described = status.toString();
        assertEquals(cny(amount), status.amount(), "amount of " + described);
        assertEquals(deadline, status.deadline(), "deadline of " + described);
        assertEquals(state, status.state(), "state of " + described);
        assertEquals(daysLeft, status.daysLeft(), "daysLeft of " + described);
        assertEquals(colour, status.colour(), "colour of " + described);
    }

    /** A percentage or day figure to two decimals, as the reports give them. */
    static Optional<BigDecimal> two(String figure) {
        return Optional.of(new BigDecimal(figure));
    }

    /** A flow of {@code count} movements of CNY {@code amount}. */
    static Flow flow(int count, String amount) {
        return new Flow(count, cny(amount));
    }

    /** CNY zero. */
    static Money zero() {
        return Money.zero(CNY);
    }
}
