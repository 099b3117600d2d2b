package org.casefunds.ledger.commands;

import java.util.Optional;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.Limits;
import org.casefunds.ledger.policy.Policy;

/**
 * Adopts a policy from the command's effective date on. Requested by finance, approved by the
 * court leader in charge. It may not take effect in a closed period or before the ledger opened.
 *
 * @param policy the policy (a preset or the court's own)
 * @param reason why the court adopts it; empty when none is given
 */
public record AdoptPolicy(Policy policy, Optional<String> reason) implements Request {
    /** Checks the values. */
    public AdoptPolicy {
        Checks.required(policy, "policy");
        Checks.required(reason, "reason");
        reason = reason.map(text -> Checks.requiredText(text, "reason", Limits.FREE_TEXT_LENGTH_MAX));
    }
}
