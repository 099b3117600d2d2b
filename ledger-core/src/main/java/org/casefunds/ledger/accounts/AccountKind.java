package org.casefunds.ledger.accounts;

/**
 * The chart of accounts of one court (docs/design.md §3). Every case balance is a liability of the
 * court: until it is paid out the money is still the parties' property in the court's custody
 * (docs/domain.md item 1). No account of any kind may go below zero.
 *
 * <p>The control identity holds after every event:
 * {@code Σ bank = Σ case + Σ unidentified + Σ in-transit + court fees not yet swept}.
 */
public enum AccountKind {
    /** The court's enforcement-funds master bank account (执行款专户), one currency each. */
    BANK("bank", Type.ASSET, true),
    /** One enforcement case's sub-account (一案一账号). */
    CASE("case", Type.LIABILITY, true),
    /** Receipts on a master account not yet matched to a case (不明款). */
    UNIDENTIFIED("unidentified", Type.LIABILITY, true),
    /** Payout notices (支付案款通知) and distribution shares sent to finance, not yet paid by the bank. */
    PAYOUTS_IN_TRANSIT("payouts-in-transit", Type.LIABILITY, false),
    /** Refunds of unidentified receipts and of surpluses, not yet paid by the bank. */
    REFUNDS_IN_TRANSIT("refunds-in-transit", Type.LIABILITY, false),
    /** Deposits with a notary (提存), not yet paid by the bank. */
    DEPOSITS_IN_TRANSIT("deposits-in-transit", Type.LIABILITY, false),
    /** Execution fees (执行费) charged to cases and not yet swept out of the enforcement account. */
    COURT_FEES("court-fees", Type.INCOME, false);

    /** The accounting type of an account kind. */
    public enum Type {
        ASSET(Side.DEBIT),
        LIABILITY(Side.CREDIT),
        INCOME(Side.CREDIT);

        private final Side normalSide;

        Type(Side normalSide) {
            this.normalSide = normalSide;
        }

        /** The side that increases an account of this type. */
        public Side normalSide() {
            return normalSide;
        }
    }

    private final String prefix;
    private final Type type;
    private final boolean keyed;

    AccountKind(String prefix, Type type, boolean keyed) {
        this.prefix = prefix;
        this.type = type;
        this.keyed = keyed;
    }

    /** The prefix of the account's name, such as {@code case}. */
    public String prefix() {
        return prefix;
    }

    /** Asset, liability or income. */
    public Type type() {
        return type;
    }

    /** The side that increases the balance: debit for the bank, credit for the others. */
    public Side normalSide() {
        return type.normalSide();
    }

    /** Whether there is one account per key (bank account number, case number) or one per court. */
    public boolean keyed() {
        return keyed;
    }

    /** Always false: no account of the chart may go below zero (docs/design.md §3). */
    public boolean mayGoBelowZero() {
        return false;
    }
}
