package org.casefunds.ledger.staff;

import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.Limits;

/**
 * A person of the court in the staff register. A person has one id: the register refuses a second
 * id for the same staff number, so that nobody approves their own request under another id.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param personId the court system's user id, 1..64 characters; compared in its normal form
 *     ({@link org.casefunds.ledger.approvals.PersonIds})
 * @param name the person's name as the court writes it
 * @param staffNumber the court's staff number (工号), unique to the person, 1..32 characters
 */
public record StaffMember(String personId, String name, String staffNumber) {
    /** The most characters of a staff number. */
    public static final int STAFF_NUMBER_LENGTH_MAX = 32;

    /** Checks the values. */
    public StaffMember {
        personId = Checks.requiredText(personId, "personId", Limits.PERSON_ID_LENGTH_MAX);
        name = Checks.requiredText(name, "name", Limits.PARTY_NAME_LENGTH_MAX);
        staffNumber = Checks.requiredText(staffNumber, "staffNumber", STAFF_NUMBER_LENGTH_MAX);
    }

    /** A member called {@code name} with user id {@code personId} and staff number {@code staffNumber}. */
    public static StaffMember of(String personId, String name, String staffNumber) {
        return new StaffMember(personId, name, staffNumber);
    }
}
