package org.casefunds.ledger.staff;

import java.time.LocalDate;
import java.util.Optional;
import org.casefunds.ledger.approvals.Role;

/**
 * One change of the staff register as the journal recorded it: a person registered, a role granted,
 * a role revoked. The register is these changes folded in journal order; a store keeps them as they
 * are (the {@code staff_change} table of a SQL ledger) and the auditors' change log lists them.
 */
public sealed interface StaffChange {

    /** The event that made the change. */
    long sequence();

    /** The change's effective date. */
    LocalDate effectiveDate();

    /** Who made it (the requester's id). */
    String by();

    /** Who approved it, as the event recorded the approvers' ids, joined by ", ". */
    String approvedBy();

    /** A person entered the register. */
    record Registered(long sequence, LocalDate effectiveDate, String by, String approvedBy, StaffMember member)
            implements StaffChange {
    }

    /** A role was granted. */
    record Granted(long sequence, LocalDate effectiveDate, String by, String approvedBy, String personId, Role role,
            Optional<String> division, LocalDate from, Optional<LocalDate> until) implements StaffChange {
    }

    /** A role was revoked from the change's effective date on. */
    record Revoked(long sequence, LocalDate effectiveDate, String by, String approvedBy, String personId, Role role,
            Optional<String> division) implements StaffChange {
    }
}
