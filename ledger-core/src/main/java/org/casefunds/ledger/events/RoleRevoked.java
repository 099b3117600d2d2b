package org.casefunds.ledger.events;

import java.util.Optional;
import org.casefunds.ledger.approvals.Role;

/**
 * A role was revoked: from the event's effective date on, the person no longer holds it.
 *
 * @param personId who held it
 * @param role the role
 * @param division the division of the grants revoked; empty for whole-court grants
 */
public record RoleRevoked(String personId, Role role, Optional<String> division) implements EventPayload {
}
