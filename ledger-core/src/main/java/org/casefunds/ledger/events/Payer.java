package org.casefunds.ledger.events;

import java.util.Optional;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.Limits;
import org.casefunds.ledger.cases.BankDetails;

/**
 * Who paid, as far as the bank statement says: any part may be missing.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param name the payer's name
 * @param accountNumber the paying account
 * @param bank the paying bank
 */
public record Payer(Optional<String> name, Optional<String> accountNumber, Optional<String> bank) {
    /** Checks the values; blank parts become empty. */
    public Payer {
        name = Optional.ofNullable(Checks.optionalText(name.orElse(null), "payer.name",
                Limits.ACCOUNT_HOLDER_LENGTH_MAX));
        accountNumber = Optional.ofNullable(Checks.optionalText(accountNumber.orElse(null),
                "payer.accountNumber", Limits.ACCOUNT_NUMBER_LENGTH_MAX));
        bank = Optional.ofNullable(Checks.optionalText(bank.orElse(null), "payer.bank",
                Limits.ACCOUNT_HOLDER_LENGTH_MAX));
    }

    /** A payer; each argument may be null. */
    public static Payer of(String name, String accountNumber, String bank) {
        return new Payer(Optional.ofNullable(name), Optional.ofNullable(accountNumber), Optional.ofNullable(bank));
    }

    /** A payer the statement does not name. */
    public static Payer unknown() {
        return of(null, null, null);
    }

    /** The payer's account as a payee, for refunding a receipt paid by mistake, if the statement gives it. */
    public Optional<BankDetails> asPayee() {
        if (name.isEmpty() || accountNumber.isEmpty() || bank.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(BankDetails.of(name.get(), accountNumber.get(), bank.get()));
    }
}
