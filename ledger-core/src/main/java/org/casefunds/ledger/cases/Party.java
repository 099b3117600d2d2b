package org.casefunds.ledger.cases;

import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.Limits;

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

    /** Checks both values. */
    public Party {
        name = Checks.requiredText(name, "parties.name", Limits.PARTY_NAME_LENGTH_MAX);
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
