package org.casefunds.ledger.commands;

import java.util.Optional;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.Limits;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.events.Payer;
import org.casefunds.ledger.events.ReceiptSource;
import org.casefunds.ledger.money.Amounts;
import org.joda.money.Money;

/**
 * Records money that arrived on a master account; the command's effective date is the bank value
 * date. The ledger routes it: to the case of the sub-account it was paid to; else to the case
 * given; else to the one case number written in the memo; else it waits as unidentified.
 *
 * @param bankAccount the master account
 * @param bankReference the bank's serial number, unique per master account
 * @param amount the amount
 * @param payer who paid, as far as known
 * @param memo the payment's memo (附言)
 * @param source how the money came
 * @param subAccountNumber the sub-account it was paid to
 * @param caseNumber the case the payer named, if known apart from the memo
 */
public record RecordReceipt(
        String bankAccount, String bankReference, Money amount, Payer payer, Optional<String> memo,
        ReceiptSource source, Optional<String> subAccountNumber, Optional<CaseNumber> caseNumber)
        implements Request {
    /** Checks the values. */
    public RecordReceipt {
        bankAccount = Checks.requiredText(bankAccount, "bankAccount", Limits.ACCOUNT_NUMBER_LENGTH_MAX);
        bankReference = Checks.requiredText(bankReference, "bankReference", Limits.BANK_REFERENCE_LENGTH_MAX);
        Amounts.positive(amount, "amount");
        Checks.required(payer, "payer");
        memo = Optional.ofNullable(Checks.optionalText(Checks.required(memo, "memo").orElse(null), "memo",
                Limits.FREE_TEXT_LENGTH_MAX));
        Checks.required(source, "source");
        subAccountNumber = Optional.ofNullable(Checks.optionalText(
                Checks.required(subAccountNumber, "subAccountNumber").orElse(null), "subAccountNumber",
                Limits.ACCOUNT_NUMBER_LENGTH_MAX));
        Checks.required(caseNumber, "caseNumber");
    }

    /** A receipt known only by its bank data; nullable arguments may be null. */
    public static RecordReceipt of(String bankAccount, String bankReference, Money amount, Payer payer,
            String memo, ReceiptSource source, String subAccountNumber) {
        return new RecordReceipt(bankAccount, bankReference, amount, payer, Optional.ofNullable(memo), source,
                Optional.ofNullable(subAccountNumber), Optional.empty());
    }
}
