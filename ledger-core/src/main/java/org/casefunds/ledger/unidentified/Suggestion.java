package org.casefunds.ledger.unidentified;

import java.util.List;
import org.casefunds.ledger.cases.CaseNumber;

/**
 * A case an unidentified receipt may belong to, with the reasons and a score: the higher, the
 * likelier.
 *
 * @param caseNumber the case
 * @param score the sum of the reasons' weights
 * @param reasons why, strongest first
 */
public record Suggestion(CaseNumber caseNumber, int score, List<Reason> reasons) {

    /** Copies the list. */
    public Suggestion {
        reasons = List.copyOf(reasons);
    }

    /** A reason to think the receipt belongs to the case, with its weight. */
    public enum Reason {
        /** The payer or the bank named the case with the payment, before the case was open. */
        CASE_NAMED_WITH_PAYMENT(100),
        /** The memo holds the case's number exactly. */
        CASE_NUMBER_IN_MEMO(100),
        /** The memo holds the case's sub-account number. */
        SUB_ACCOUNT_IN_MEMO(90),
        /** The payer's name is the name of one of the case's debtors. */
        PAYER_IS_DEBTOR(60),
        /** The payer's name is the name of another party of the case. */
        PAYER_IS_PARTY(40),
        /** The payer's name and a party's name contain one another (at least two characters). */
        PAYER_NAME_SIMILAR(20);

        private final int weight;

        Reason(int weight) {
            this.weight = weight;
        }

        /** How much the reason counts. */
        public int weight() {
            return weight;
        }
    }

    /** Whether the suggestion rests on the case number given with the payment or written in its memo. */
    public boolean exact() {
        return reasons.contains(Reason.CASE_NUMBER_IN_MEMO) || reasons.contains(Reason.CASE_NAMED_WITH_PAYMENT);
    }
}
