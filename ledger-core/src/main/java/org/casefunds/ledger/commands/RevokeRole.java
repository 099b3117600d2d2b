package org.casefunds.ledger.commands;

import java.util.Optional;
import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.Limits;

/**
 * Revokes a role from the command's effective date on; a staff administrator asks, a second one
 * approves. Refused when the person does not hold the role then or later.
 *
 * @param personId who holds the role
 * @param role the role
 * @param division the division of the grant to revoke; empty for a whole-court grant
 */
public record RevokeRole(String personId, Role role, Optional<String> division) implements Request {
    /** Checks the values. */
    public RevokeRole {
        personId = Checks.requiredText(personId, "personId", Limits.PERSON_ID_LENGTH_MAX);
        Checks.required(role, "role");
        division = Optional.ofNullable(Checks.optionalText(Checks.required(division, "division").orElse(null),
                "division", Limits.PARTY_NAME_LENGTH_MAX));
    }

    /** Revokes the whole-court grant of {@code role}. */
    public static RevokeRole of(String personId, Role role) {
        return new RevokeRole(personId, role, Optional.empty());
    }
}
