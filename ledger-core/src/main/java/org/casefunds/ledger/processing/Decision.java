package org.casefunds.ledger.processing;

import org.casefunds.ledger.commands.Request;

/**
 * How one kind of request is decided: it checks the request against the state and the policy in
 * force, and drafts the one event it makes, or refuses it by throwing. Each lives in the package of
 * its concept (receipts, disbursements, deferrals, ...); {@link RequestKinds} ties them to the kinds.
 *
 * @param <R> the kind of request
 */
@FunctionalInterface
public interface Decision<R extends Request> {
    /**
     * Decides {@code request} in {@code context}.
     *
     * @throws org.casefunds.ledger.base.LedgerException naming the field and value, if refused
     */
    void decide(Context context, R request);
}
