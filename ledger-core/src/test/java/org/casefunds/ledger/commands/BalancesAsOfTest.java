package org.casefunds.ledger.commands;

import static org.casefunds.ledger.commands.Scenario.BANK_CNY;
import static org.casefunds.ledger.commands.Scenario.UNIDENTIFIED;
import static org.casefunds.ledger.commands.Scenario.assertControlIdentity;
import static org.casefunds.ledger.commands.Scenario.caseAccount;
import static org.casefunds.ledger.commands.Scenario.day;
import static org.casefunds.ledger.commands.Scenario.find;
import static org.casefunds.ledger.commands.Scenario.notice;
import static org.casefunds.ledger.commands.Scenario.receipt;
import static org.casefunds.ledger.commands.Scenario.settle;
import static org.casefunds.ledger.commands.Scenario.unidentifiedReceipt;
import static org.casefunds.ledger.testing.Fixtures.ADMINISTRATOR;
import static org.casefunds.ledger.testing.Fixtures.BANK;
import static org.casefunds.ledger.testing.Fixtures.BY_HEAD;
import static org.casefunds.ledger.testing.Fixtures.CNY;
import static org.casefunds.ledger.testing.Fixtures.FINANCE;
import static org.casefunds.ledger.testing.Fixtures.HANDLER;
import static org.casefunds.ledger.testing.Fixtures.caseNumber;
import static org.casefunds.ledger.testing.Fixtures.cny;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.casefunds.ledger.accounts.AccountBalance;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.cases.BankDetails;
import org.casefunds.ledger.state.DisbursementRecord;
import org.casefunds.ledger.state.LedgerState;
import org.casefunds.ledger.state.Lot;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;

/**
 * Goal: {@code ledger.balances(date)} and {@code ledger.asOf(date)} give the figures of the end
 * of each day (posted, pending at the bank, available), by effective date rather than by the order
 * events were recorded in, and the control identity Σ bank = Σ others holds on every day.
 *
 * <p>Method: 100.00 arrives for case 1 on day 1, a notice of 60.00 goes to finance on day 3 and the
 * bank pays it on day 5. The figures of each day are written out by hand below.
 */
class BalancesAsOfTest {

    private static final AccountId TRANSIT = AccountId.PAYOUTS_IN_TRANSIT;

    private static AccountBalance figures(AccountId account, String posted, String pending,
            String available) {
        return new AccountBalance(account, cny(posted), cny(pending), cny(available));
    }

    private static Scenario receiptNoticeSettlement() {
        Scenario scenario = Scenario.opened().withCase(1);
        scenario.run(receipt("r-1", 1, "100.00", 1));
        scenario.run(notice("pay", 3, 1, "60.00"));
        scenario.run(settle("paid", 5, "pay"));
        return scenario;
    }

    @Test
    void eachDayShowsItsOwnFigures() {
        Scenario scenario = receiptNoticeSettlement();
        // day | case posted / pending | in transit | bank posted / pending / available
        //  1  |   100.00 / 0          |    0       | 100.00 / 0     / 100.00
        //  2  |   100.00 / 0          |    0       | 100.00 / 0     / 100.00
        //  3  |    40.00 / 60.00      |   60.00    | 100.00 / 60.00 /  40.00
        //  4  |    40.00 / 60.00      |   60.00    | 100.00 / 60.00 /  40.00
        //  5  |    40.00 / 0          |    0       |  40.00 / 0     /  40.00
        String[][] expected = {
            {"100.00", "0.00", "0.00", "100.00", "0.00", "100.00"},
            {"100.00", "0.00", "0.00", "100.00", "0.00", "100.00"},
            {"40.00", "60.00", "60.00", "100.00", "60.00", "40.00"},
            {"40.00", "60.00", "60.00", "100.00", "60.00", "40.00"},
            {"40.00", "0.00", "0.00", "40.00", "0.00", "40.00"},
        };
        for (int n = 1; n <= 5; n++) {
            String[] row = expected[n - 1];
            List<AccountBalance> balances = scenario.ledger.balances(day(n));
            String onDay = "day " + n + ": " + balances;
            assertEquals(figures(caseAccount(1), row[0], row[1], row[0]),
                    find(balances, caseAccount(1)), onDay);
            assertEquals(figures(TRANSIT, row[2], "0.00", row[2]), find(balances, TRANSIT), onDay);
            assertEquals(figures(BANK_CNY, row[3], row[4], row[5]), find(balances, BANK_CNY),
                    onDay);
            assertControlIdentity(balances);

            LedgerState state = scenario.ledger.asOf(day(n));
            assertEquals(find(balances, BANK_CNY), state.balanceOf(BANK_CNY, CNY), onDay);
            assertEquals(find(balances, caseAccount(1)), state.balanceOf(caseAccount(1), CNY),
                    onDay);
        }
    }

    @Test
    void theLastDayAgreesWithTheStateNowAndTheDayBeforeTheOpeningIsEmpty() {
        Scenario scenario = receiptNoticeSettlement();
        assertEquals(scenario.view().balances(), scenario.ledger.balances(day(5)));
        assertEquals(scenario.view().balances(), scenario.ledger.balances(day(400)));
        assertTrue(scenario.ledger.balances(day(0)).isEmpty());
        assertTrue(scenario.ledger.asOf(day(0)).courtCode().isEmpty());
    }

    @Test
    void theStateAsOfADayKnowsTheDisbursementAndTheLotsAsTheyStoodThen() {
        Scenario scenario = receiptNoticeSettlement();
        assertTrue(scenario.ledger.asOf(day(2)).disbursement("pay").isEmpty());
        assertEquals(DisbursementRecord.Status.ISSUED, statusOn(scenario, 4));
        assertEquals(DisbursementRecord.Status.SETTLED, statusOn(scenario, 5));
        assertEquals(cny("100.00"), lotOn(scenario, 2).remaining());
        assertEquals(cny("40.00"), lotOn(scenario, 3).remaining());
    }

    private static DisbursementRecord.Status statusOn(Scenario scenario, int day) {
        return scenario.ledger.asOf(day(day)).disbursement("pay").orElseThrow().status();
    }

    private static Lot lotOn(Scenario scenario, int day) {
        return scenario.ledger.asOf(day(day)).openLots(caseAccount(1), CNY).get(0);
    }

    private static Money caseOn(Scenario scenario, int day) {
        return find(scenario.ledger.balances(day(day)), caseAccount(1)).posted();
    }

    @Test
    void aBackdatedReceiptCountsFromItsValueDate() {
        Scenario scenario = receiptNoticeSettlement();
        // Recorded after everything else, but the bank value date is day 2.
        scenario.run(receipt("r-late", 2, "25.00", 1));
        assertEquals(cny("100.00"), caseOn(scenario, 1));
        assertEquals(cny("125.00"), caseOn(scenario, 2));
        // 125.00 − 60.00 = 65.00 from day 3 on.
        assertEquals(cny("65.00"), caseOn(scenario, 3));
        assertEquals(cny("65.00"), find(scenario.ledger.balances(day(5)), BANK_CNY).posted());
        for (int n = 1; n <= 5; n++) {
            assertControlIdentity(scenario.ledger.balances(day(n)));
        }
    }

    @Test
    void theIdentityHoldsWithUnidentifiedMoneyFeesAndRefundsInTransit() {
        Scenario scenario = receiptNoticeSettlement();
        scenario.run(unidentifiedReceipt("u-1", 2, "30.00"));
        scenario.run(receipt("r-2", 4, "1000000.00", 1));
        scenario.run(Command.of("fee", HANDLER, day(6), new ChargeExecutionFee(caseNumber(1),
                cny("1000000.00"))));
        BankDetails payer = BankDetails.of("张三", "62170001", "建设银行北京分行");
        scenario.run(Command.of("refund", ADMINISTRATOR, day(7),
                new RefundUnidentified("u-1", cny("10.00"), payer, "误汇")).approvedBy(BY_HEAD));
        scenario.run(Command.of("sweep", FINANCE, day(8),
                new SweepFees(cny("5000.00"), BANK, "FEE-1")));

        for (int n = 0; n <= 9; n++) {
            assertControlIdentity(scenario.ledger.balances(day(n)));
        }
        List<AccountBalance> last = scenario.ledger.balances(day(8));
        // Bank: 100.00 − 60.00 + 30.00 + 1,000,000.00 − 5,000.00 = 995,070.00, 10.00 of it pending.
        assertEquals(figures(BANK_CNY, "995070.00", "10.00", "995060.00"), find(last, BANK_CNY));
        // Case: 40.00 + 1,000,000.00 − 12,400.00 = 987,640.00
        assertEquals(cny("987640.00"), find(last, caseAccount(1)).posted());
        assertEquals(cny("20.00"), find(last, UNIDENTIFIED).posted());
        assertEquals(cny("10.00"), find(last, AccountId.REFUNDS_IN_TRANSIT).posted());
        // Fees: 12,400.00 − 5,000.00 = 7,400.00 not yet swept.
        assertEquals(cny("7400.00"), find(last, AccountId.COURT_FEES).posted());
    }
}
