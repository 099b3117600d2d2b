package org.casefunds.ledger.commands;

import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.staff.StaffMember;

/**
 * Enters a person in the staff register from the command's effective date on; a staff
 * administrator asks, a second one approves. Registering grants no role ({@link GrantRole} does).
 * A person has one id: a staff number already registered under another id is refused.
 *
 * @param member the person: user id, name, staff number
 */
public record RegisterStaff(StaffMember member) implements Request {
    /** Checks the value. */
    public RegisterStaff {
        Checks.required(member, "member");
    }
}
