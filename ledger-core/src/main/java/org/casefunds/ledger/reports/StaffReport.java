package org.casefunds.ledger.reports;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.staff.RoleGrant;
import org.casefunds.ledger.staff.StaffChange;
import org.casefunds.ledger.staff.StaffRegister;

/**
 * Who held which role on a date, and every change of the staff register up to it: what auditors
 * review when they check that each approval came from someone entitled to give it.
 *
 * @param asOf the date
 * @param holdings each role held on that date, in the order granted
 * @param changes every change effective on or before it, in journal order, with who asked and who approved
 */
public record StaffReport(LocalDate asOf, List<Holding> holdings, List<StaffChange> changes) {

    /** Copies the lists. */
    public StaffReport {
        holdings = List.copyOf(holdings);
        changes = List.copyOf(changes);
    }

    /**
     * One role held.
     *
     * @param personId the holder's user id
     * @param name their name in the register
     * @param staffNumber their staff number
     * @param role the role
     * @param division the division it is limited to; empty for the whole court
     * @param from its first day
     * @param lastDay its last day, when it ends (an end date or a revocation)
     * @param grantedBy the sequence of the event that granted it
     */
    public record Holding(String personId, String name, String staffNumber, Role role, Optional<String> division,
            LocalDate from, Optional<LocalDate> lastDay, long grantedBy) {
    }

    /** The report of {@code register} on {@code date}. */
    static StaffReport of(StaffRegister register, LocalDate date) {
        List<Holding> holdings = new ArrayList<>();
        for (RoleGrant grant : register.heldOn(date)) {
            var person = register.person(grant.personId());
            holdings.add(new Holding(grant.personId(), person.map(each -> each.member().name()).orElse(""),
                    person.map(each -> each.member().staffNumber()).orElse(""), grant.role(), grant.division(),
                    grant.from(), grant.lastDay(), grant.sequence()));
        }
        return new StaffReport(date, holdings, register.changes());
    }
}
