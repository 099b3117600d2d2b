package org.casefunds.ledger.events;

import org.casefunds.ledger.cases.BankDetails;
import org.joda.money.Money;

/** What every event that issues one disbursement tells: to whom, how much, from which bank account. */
public interface DisbursementIssue {
    /** The kind of disbursement. */
    Disbursement disbursement();

    /** Who is paid. */
    BankDetails payee();

    /** How much. */
    Money amount();

    /** The master account that pays. */
    String bankAccount();
}
