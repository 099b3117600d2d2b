package org.casefunds.ledger.events;

import java.util.Optional;
import org.casefunds.ledger.policy.Policy;

/**
 * A policy is adopted, in force from the event's effective date until the next adoption takes
 * effect. The policy in force on the day a lot's clock starts governs its deadline; the one in
 * force on a command's date governs its decision (approvals, a deferral's longest term). The whole
 * policy is on the event, so every figure can name the rule it was computed under.
 *
 * @param policy the policy, every value
 * @param reason why the court adopts it; empty when none was given
 */
public record PolicyAdopted(Policy policy, Optional<String> reason) implements EventPayload {
}
