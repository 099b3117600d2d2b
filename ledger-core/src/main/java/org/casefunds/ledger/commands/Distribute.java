package org.casefunds.ledger.commands;

import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.cases.BankDetails;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.money.Amounts;
import org.casefunds.ledger.money.ProRata;
import org.joda.money.Money;

/**
 * Distributes an amount of the case among several creditors (案款分配, docs/domain.md item 19): costs
 * first, then priority claims, then ordinary claims pro rata, to the cent. Each share is a payout
 * of its own.
 *
 * @param caseNumber the case
 * @param total the amount to distribute
 * @param creditors the creditors with their claims and accounts
 * @param bankAccount the master account that pays; may be empty as for a payout
 */
public record Distribute(CaseNumber caseNumber, Money total, List<Creditor> creditors, Optional<String> bankAccount)
        implements Request {

    /**
     * One creditor's claim.
     *
     * @param name the creditor
     * @param claimed the amount claimed
     * @param rank costs, priority or ordinary
     * @param payee the creditor's account
     */
    public record Creditor(String name, Money claimed, ProRata.Rank rank, BankDetails payee) {
        /** Checks the values. */
        public Creditor {
            name = Checks.requiredText(name, "creditors.name", 200);
            Amounts.positive(claimed, "creditors.claimed");
            Checks.required(rank, "creditors.rank");
            Checks.required(payee, "creditors.payee");
        }
    }

    /** Checks the values. */
    public Distribute {
        Checks.required(caseNumber, "caseNumber");
        Amounts.positive(total, "total");
        Checks.required(creditors, "creditors");
        creditors = List.copyOf(creditors);
        Checks.required(bankAccount, "bankAccount");
    }
}
