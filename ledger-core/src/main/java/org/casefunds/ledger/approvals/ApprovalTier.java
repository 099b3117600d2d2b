package org.casefunds.ledger.approvals;

import java.util.List;
import org.casefunds.ledger.base.Checks;
import org.joda.money.Money;

/**
 * The approvals a request of at least {@code from} needs: one distinct approver per listed role,
 * each holding that role or a higher approving one.
 *
 * @param from the smallest amount the tier applies to, in the tier's currency
 * @param roles the approving roles required
 */
public record ApprovalTier(Money from, List<Role> roles) {
    /** Checks the values. */
    public ApprovalTier {
        Checks.required(from, "approvalTiers.from");
        Checks.argument(!from.isNegative(), "approvalTiers.from", from, "must not be negative");
        roles = List.copyOf(Checks.required(roles, "approvalTiers.roles"));
        for (Role role : roles) {
            Checks.argument(role.approves(), "approvalTiers.roles", role,
                    "is not an approving role (DIVISION_HEAD, BUREAU_DIRECTOR, COURT_LEADER)");
        }
    }
}
