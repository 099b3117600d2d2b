package org.casefunds.ledger.cases;

import org.casefunds.ledger.Checks;

/**
 * A party to a case, as the case system knows them. The name is what screening matches a payer
 * against.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param name the party's name, never null
 * @param role creditor, debtor or third party, never null
 */
public record Party(String name, PartyRole role) {
    /** The longest party name. */
    public static final int NAME_LENGTH_MAX = 200;

    /** Checks both values. */
    public Party {
        name = Checks.requiredText(name, "parties.name", NAME_LENGTH_MAX);
        Checks.required(role, "parties.role");
    }

    /** A creditor (申请执行人). */
    public static Party creditor(String name) {
        return new Party(name, PartyRole.CREDITOR);
    }

    /** A debtor (被执行人). */
    public static Party debtor(String name) {
        return new Party(name, PartyRole.DEBTOR);
    }
}
