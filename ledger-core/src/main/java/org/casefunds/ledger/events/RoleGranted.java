package org.casefunds.ledger.events;

import java.time.LocalDate;
import java.util.Optional;
import org.casefunds.ledger.approvals.Role;

/**
 * A role was granted to a registered person.
 *
 * @param personId who holds it
 * @param role the role
 * @param division the division it is limited to; empty for the whole court
 * @param from the first day it is held
 * @param until the last day it is held; empty when open-ended
 */
public record RoleGranted(String personId, Role role, Optional<String> division, LocalDate from,
        Optional<LocalDate> until) implements EventPayload {
}
