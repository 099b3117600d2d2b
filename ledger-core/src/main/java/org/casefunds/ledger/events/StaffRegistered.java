package org.casefunds.ledger.events;

import org.casefunds.ledger.staff.StaffMember;

/**
 * A person entered the staff register (from the event's effective date on), registered by a staff
 * administrator and approved by a second one.
 *
 * @param member the person: user id, name and staff number
 */
public record StaffRegistered(StaffMember member) implements EventPayload {
}
