package org.casefunds.ledger.sql;

import java.time.Clock;
import java.util.List;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.store.JournalStore;
import org.casefunds.ledger.testing.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cross-writer cases of {@link TwoWritersScenarios} as plain examples, on two stores opened
 * separately on one new ledger (a SQLite file or a PostgreSQL schema), standing for two processes:
 * writer A, having written, must decide on what writer B appended since.
 */
abstract class TwoWritersExamples {
    private Ledger a;
    private Ledger b;

    /** Two stores opened separately on one new ledger. */
    abstract List<JournalStore> twoStores();

    @BeforeEach
    void open() {
        List<JournalStore> stores = twoStores();
        Clock clock = Clock.fixed(Fixtures.CLOCK.instant(), Fixtures.CLOCK.getZone());
        a = Ledger.open(stores.get(0), Policy.defaults(), clock);
        b = Ledger.open(stores.get(1), Policy.defaults(), clock);
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    @Test
    void aReceiptClaimedByBCannotBeClaimedAgainInFullByA() {
        TwoWritersScenarios.aReceiptClaimedByBCannotBeClaimedAgainInFullByA(a, b);
    }

    @Test
    void aReceiptClaimedByBCannotBeRefundedInFullByA() {
        TwoWritersScenarios.aReceiptClaimedByBCannotBeRefundedInFullByA(a, b);
    }

    @Test
    void aLotPaidOutByBIsNoLongerThereForA() {
        TwoWritersScenarios.aLotPaidOutByBIsNoLongerThereForA(a, b);
    }

    @Test
    void aCaseOpenedByBTakesAsReceiptsAndNotices() {
        TwoWritersScenarios.aCaseOpenedByBTakesAsReceiptsAndNotices(a, b);
    }

    @Test
    void bsCommandSentAgainByAReturnsBsEvent() {
        TwoWritersScenarios.bsCommandSentAgainByAReturnsBsEvent(a, b);
    }

    @Test
    void anotherCommandUnderBsKeyIsRefusedToA() {
        TwoWritersScenarios.anotherCommandUnderBsKeyIsRefusedToA(a, b);
    }

    @Test
    void aNoticeBSettledCannotBeReturnedByA() {
        TwoWritersScenarios.aNoticeBSettledCannotBeReturnedByA(a, b);
    }

    @Test
    void aDeferralBLiftedCannotBeLiftedAgainByA() {
        TwoWritersScenarios.aDeferralBLiftedCannotBeLiftedAgainByA(a, b);
    }

    @Test
    void aReceiptBReversedCannotBeReversedAgainByA() {
        TwoWritersScenarios.aReceiptBReversedCannotBeReversedAgainByA(a, b);
    }

    @Test
    void aPeriodBClosedIsClosedToA() {
        TwoWritersScenarios.aPeriodBClosedIsClosedToA(a, b);
    }

    @Test
    void aBatchRefusedToALeavesNothingBehind() {
        TwoWritersScenarios.aBatchRefusedToALeavesNothingBehind(a, b);
    }
}
