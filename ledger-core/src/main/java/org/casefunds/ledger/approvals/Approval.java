package org.casefunds.ledger.approvals;

import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.Limits;

/**
 * One approval given to a request: who approved and in which role. Approvals travel with the
 * command that needs them; the ledger records them on the event and checks them against the
 * policy (amount thresholds, four eyes).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param approverId the approver's user id, never null
 * @param role the approving role, never null
 */
public record Approval(String approverId, Role role) {
    /** Checks both values. */
    public Approval {
        approverId = Checks.requiredText(approverId, "approvals.approverId", Limits.PERSON_ID_LENGTH_MAX);
        Checks.required(role, "approvals.role");
    }

    /** An approval by {@code approverId} as {@code role}. */
    public static Approval of(String approverId, Role role) {
        return new Approval(approverId, role);
    }
}
