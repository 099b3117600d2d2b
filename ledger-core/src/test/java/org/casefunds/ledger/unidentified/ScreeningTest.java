package org.casefunds.ledger.unidentified;

import static org.casefunds.ledger.testing.Fixtures.ADMINISTRATOR;
import static org.casefunds.ledger.testing.Fixtures.BANK;
import static org.casefunds.ledger.testing.Fixtures.CNY;
import static org.casefunds.ledger.testing.Fixtures.DAY_ONE;
import static org.casefunds.ledger.testing.Fixtures.HANDLER;
import static org.casefunds.ledger.testing.Fixtures.caseNumber;
import static org.casefunds.ledger.testing.Fixtures.cny;
import static org.casefunds.ledger.testing.Fixtures.creditor;
import static org.casefunds.ledger.testing.Fixtures.creditorAccount;
import static org.casefunds.ledger.testing.Fixtures.subAccount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.cases.Party;
import org.casefunds.ledger.commands.ClaimUnidentified;
import org.casefunds.ledger.commands.Command;
import org.casefunds.ledger.commands.OpenCase;
import org.casefunds.ledger.commands.RecordReceipt;
import org.casefunds.ledger.events.Payer;
import org.casefunds.ledger.events.ReceiptSource;
import org.casefunds.ledger.events.Routing;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.state.Lot;
import org.casefunds.ledger.state.Receipt;
import org.casefunds.ledger.testing.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Goal: screening (甄别, docs/domain.md item 6) suggests the cases an unidentified receipt may belong to,
 * best first (a case number given with the payment or in the memo 100, a sub-account number in the
 * memo 90, the payer is a debtor of the case 60, a similar name 20, summed per case), only among cases
 * opened by the date; and it claims by itself only when the policy allows it and exactly one case is
 * suggested, on the case number given with the payment or in the memo.
 *
 * <p>Method: a court with four cases (case 3 has a debtor whose name contains the payer's, case 4 is
 * opened only on 2025-03-20) and unidentified receipts of 2025-03-10 with different memos and payers
 * (a memo naming case 4 cannot be routed on 03-10, because case 4 is not open yet); the suggestions
 * are compared in full, then the automatic claim is checked and executed as a fund administrator's
 * command.
 */
class ScreeningTest {
    private static final LocalDate ARRIVAL = LocalDate.parse("2025-03-10");
    private static final LocalDate CASE_4_OPENED = LocalDate.parse("2025-03-20");
    private static final Policy AUTOMATIC = Policy.defaults().withAutoClaimExactMatches(true);

    private Ledger ledger;

    @BeforeEach
    void court() {
        ledger = Fixtures.openedLedger();
        ledger.execute(Fixtures.openCase("case-1", HANDLER, 1, DAY_ONE));
        ledger.execute(Fixtures.openCase("case-2", HANDLER, 2, DAY_ONE));
        ledger.execute(Command.of("case-3", HANDLER, DAY_ONE, new OpenCase(caseNumber(3), subAccount(3),
                HANDLER.id(), List.of(Party.creditor(creditor(3)), Party.debtor("债务人2分公司")),
                List.of(creditorAccount(3)))).approvedBy(Fixtures.BY_HEAD));
        ledger.execute(Fixtures.openCase("case-4", HANDLER, 4, CASE_4_OPENED));
    }

    private Receipt receive(String key, String amount, String payer, String memo) {
        ledger.execute(Command.of(key, ADMINISTRATOR, ARRIVAL, RecordReceipt.of(BANK, "SN-" + key, cny(amount),
                Payer.of(payer, null, null), memo, ReceiptSource.DEBTOR_PAYMENT, null)));
        Receipt receipt = ledger.view().receipt(key).orElseThrow();
        assertEquals(Routing.UNIDENTIFIED, receipt.details().routing(), "the test needs an unidentified receipt");
        return receipt;
    }

    private static Suggestion suggestion(int caseN, int score, Suggestion.Reason... reasons) {
        return new Suggestion(caseNumber(caseN), score, List.of(reasons));
    }

    @Test
    void aCaseNumberInTheMemoRanksAboveAPayerWhoIsADebtorAboveASimilarName() {
        // Payer 债务人2 is the debtor of case 2 (60) and its name is inside case 3's debtor
        // 债务人2分公司 (20); the memo names case 4 (100).
        Receipt receipt = receive("u-memo", "500.00", "债务人2", caseNumber(4) + " 案款");
        assertEquals(List.of(
                suggestion(4, 100, Suggestion.Reason.CASE_NUMBER_IN_MEMO),
                suggestion(2, 60, Suggestion.Reason.PAYER_IS_DEBTOR),
                suggestion(3, 20, Suggestion.Reason.PAYER_NAME_SIMILAR)),
                Screening.suggest(receipt, ledger.view(), CASE_4_OPENED));
        assertTrue(Screening.suggest(receipt, ledger.view(), CASE_4_OPENED).get(0).exact());
    }

    @Test
    void aCaseOpenedAfterTheDateIsNotSuggested() {
        Receipt receipt = receive("u-memo", "500.00", "债务人2", caseNumber(4) + " 案款");
        // On 03-19 case 4 is not open yet: only the payer's cases remain.
        assertEquals(List.of(
                suggestion(2, 60, Suggestion.Reason.PAYER_IS_DEBTOR),
                suggestion(3, 20, Suggestion.Reason.PAYER_NAME_SIMILAR)),
                Screening.suggest(receipt, ledger.view(), CASE_4_OPENED.minusDays(1)));
    }

    @Test
    void aSubAccountNumberInTheMemo() {
        Receipt receipt = receive("u-sub", "80.00", null, "请转入子账户" + subAccount(1));
        assertEquals(List.of(suggestion(1, 90, Suggestion.Reason.SUB_ACCOUNT_IN_MEMO)),
                Screening.suggest(receipt, ledger.view(), ARRIVAL));
    }

    @Test
    void reasonsForOneCaseAddUpStrongestFirst() {
        // The memo names case 4 and the payer is case 4's debtor: 100 + 60 = 160.
        Receipt receipt = receive("u-both", "70.00", Fixtures.debtor(4), caseNumber(4) + " 还款");
        assertEquals(List.of(suggestion(4, 160, Suggestion.Reason.CASE_NUMBER_IN_MEMO,
                Suggestion.Reason.PAYER_IS_DEBTOR)), Screening.suggest(receipt, ledger.view(), CASE_4_OPENED));
        assertTrue(Screening.automaticClaim(receipt, ledger.view(), CASE_4_OPENED, AUTOMATIC).isPresent());
    }

    @Test
    void anAutomaticClaimOnlyForOneExactMatchAndOnlyWhenThePolicyAllowsIt() {
        Receipt exact = receive("u-exact", "600.00", null, caseNumber(4) + " 执行款");
        assertEquals(List.of(suggestion(4, 100, Suggestion.Reason.CASE_NUMBER_IN_MEMO)),
                Screening.suggest(exact, ledger.view(), CASE_4_OPENED));
        // The default policy leaves claiming to a fund administrator.
        assertEquals(Optional.empty(), Screening.automaticClaim(exact, ledger.view(), CASE_4_OPENED,
                Policy.defaults()));
        // Before case 4 is open there is nothing to claim into.
        assertEquals(Optional.empty(), Screening.automaticClaim(exact, ledger.view(), CASE_4_OPENED.minusDays(1),
                AUTOMATIC));
        ClaimUnidentified claim = Screening.automaticClaim(exact, ledger.view(), CASE_4_OPENED, AUTOMATIC)
                .orElseThrow();
        assertEquals("u-exact", claim.receipt());
        assertEquals(caseNumber(4), claim.caseNumber());
        assertEquals(cny("600.00"), claim.amount());
        assertTrue(claim.note().isPresent());

        // Three cases suggested (one exact): no automatic claim.
        Receipt three = receive("u-memo", "500.00", "债务人2", caseNumber(4) + " 案款");
        assertEquals(3, Screening.suggest(three, ledger.view(), CASE_4_OPENED).size());
        assertEquals(Optional.empty(), Screening.automaticClaim(three, ledger.view(), CASE_4_OPENED, AUTOMATIC));

        // A memo naming two open cases is not routed on arrival, and two exact suggestions are not one.
        Receipt two = receive("u-two", "40.00", null, caseNumber(1) + "、" + caseNumber(2) + " 合并还款");
        assertEquals(List.of(suggestion(1, 100, Suggestion.Reason.CASE_NUMBER_IN_MEMO),
                suggestion(2, 100, Suggestion.Reason.CASE_NUMBER_IN_MEMO)),
                Screening.suggest(two, ledger.view(), CASE_4_OPENED));
        assertEquals(Optional.empty(), Screening.automaticClaim(two, ledger.view(), CASE_4_OPENED, AUTOMATIC));

        // The only suggestion is a similar name (债权人1公司 contains case 1's creditor 债权人1).
        Receipt name = receive("u-name", "30.00", creditor(1) + "公司", null);
        assertEquals(List.of(suggestion(1, 20, Suggestion.Reason.PAYER_NAME_SIMILAR)),
                Screening.suggest(name, ledger.view(), CASE_4_OPENED));
        assertEquals(Optional.empty(), Screening.automaticClaim(name, ledger.view(), CASE_4_OPENED, AUTOMATIC));
    }

    @Test
    void aCaseNamedWithThePaymentBeforeItWasOpenIsSuggestedOnceItIs() {
        // The payer gave case 4's number with the payment (no memo, no sub-account) on 03-10,
        // before case 4 was opened (03-20): the money waits as unidentified, the name is kept.
        ledger.execute(Command.of("u-named", ADMINISTRATOR, ARRIVAL, new RecordReceipt(BANK, "SN-u-named",
                cny("700.00"), Payer.of("王五", null, null), Optional.empty(), ReceiptSource.DEBTOR_PAYMENT,
                Optional.empty(), Optional.of(caseNumber(4)))));
        Receipt named = ledger.view().receipt("u-named").orElseThrow();
        assertEquals(Routing.UNIDENTIFIED, named.details().routing());
        assertEquals(Optional.of(caseNumber(4)), named.details().namedCase());

        // Not before case 4 is open.
        assertEquals(List.of(), Screening.suggest(named, ledger.view(), CASE_4_OPENED.minusDays(1)));
        assertEquals(Optional.empty(), Screening.automaticClaim(named, ledger.view(), CASE_4_OPENED.minusDays(1),
                AUTOMATIC));

        List<Suggestion> suggestions = Screening.suggest(named, ledger.view(), CASE_4_OPENED);
        assertEquals(List.of(suggestion(4, 100, Suggestion.Reason.CASE_NAMED_WITH_PAYMENT)), suggestions);
        assertTrue(suggestions.get(0).exact(), "the case number given with the payment is exact");

        // The default policy leaves the claim to a fund administrator; the automatic one claims it all.
        assertEquals(Optional.empty(), Screening.automaticClaim(named, ledger.view(), CASE_4_OPENED,
                Policy.defaults()));
        ClaimUnidentified claim = Screening.automaticClaim(named, ledger.view(), CASE_4_OPENED, AUTOMATIC)
                .orElseThrow();
        assertEquals("u-named", claim.receipt());
        assertEquals(caseNumber(4), claim.caseNumber());
        assertEquals(cny("700.00"), claim.amount());

        ledger.execute(Command.of("auto-claim", ADMINISTRATOR, CASE_4_OPENED, claim));
        assertEquals(cny("700.00"), ledger.view().balance(AccountId.ofCase(caseNumber(4)), CNY));
        assertEquals(cny("0.00"), ledger.view().balance(AccountId.unidentified(BANK), CNY));
    }

    @Test
    void aCaseNamedWithThePaymentIsClaimedAutomaticallyOnlyWhenItIsTheOnlySuggestion() {
        // Case 4's number given with the payment (100), but the payer 债务人2 is case 2's debtor (60)
        // and inside case 3's debtor 债务人2分公司 (20): three suggestions, no automatic claim.
        ledger.execute(Command.of("u-named", ADMINISTRATOR, ARRIVAL, new RecordReceipt(BANK, "SN-u-named",
                cny("700.00"), Payer.of("债务人2", null, null), Optional.empty(), ReceiptSource.DEBTOR_PAYMENT,
                Optional.empty(), Optional.of(caseNumber(4)))));
        Receipt named = ledger.view().receipt("u-named").orElseThrow();
        assertEquals(List.of(
                suggestion(4, 100, Suggestion.Reason.CASE_NAMED_WITH_PAYMENT),
                suggestion(2, 60, Suggestion.Reason.PAYER_IS_DEBTOR),
                suggestion(3, 20, Suggestion.Reason.PAYER_NAME_SIMILAR)),
                Screening.suggest(named, ledger.view(), CASE_4_OPENED));
        assertEquals(Optional.empty(), Screening.automaticClaim(named, ledger.view(), CASE_4_OPENED, AUTOMATIC));
    }

    @Test
    void executingTheAutomaticClaimMovesWhatIsLeftOfTheMoneyToTheCase() {
        Receipt exact = receive("u-exact", "600.00", null, caseNumber(4) + " 执行款");
        // A fund administrator has already claimed 100.00 of it by hand: the automatic claim takes the rest.
        ledger.execute(Command.of("by-hand", ADMINISTRATOR, CASE_4_OPENED,
                ClaimUnidentified.of("u-exact", caseNumber(4), cny("100.00"))));
        ClaimUnidentified claim = Screening.automaticClaim(exact, ledger.view(), CASE_4_OPENED, AUTOMATIC)
                .orElseThrow();
        assertEquals(cny("500.00"), claim.amount());

        ledger.execute(Command.of("auto-claim", ADMINISTRATOR, CASE_4_OPENED, claim));
        assertEquals(cny("600.00"), ledger.view().balance(AccountId.ofCase(caseNumber(4)), CNY));
        assertEquals(cny("0.00"), ledger.view().balance(AccountId.unidentified(BANK), CNY));
        assertTrue(ledger.view().openLotsOfReceipt("u-exact").isEmpty());
        // The claimed money keeps its arrival date (03-10) as its clock start: the default policy.
        List<Lot> lots = ledger.view().openLots(AccountId.ofCase(caseNumber(4)), CNY);
        assertEquals(2, lots.size(), lots.toString());
        assertTrue(lots.stream().allMatch(lot -> lot.arrivalDate().equals(ARRIVAL)
                && lot.clockStart().equals(ARRIVAL) && lot.origin() == Lot.Origin.CLAIM));
        // Nothing is left: screening has no claim to make any more.
        assertEquals(Optional.empty(), Screening.automaticClaim(ledger.view().receipt("u-exact").orElseThrow(),
                ledger.view(), CASE_4_OPENED, AUTOMATIC));
    }
}
