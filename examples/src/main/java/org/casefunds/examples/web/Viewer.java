package org.casefunds.examples.web;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.casefunds.ledger.approvals.PersonIds;
import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.staff.RoleGrant;
import org.casefunds.ledger.staff.StaffRegister;

/**
 * Who is looking, and what they may see: a person of the staff register with the roles they hold
 * on the day they look. Finance, fund administrators, division heads, the bureau director, court
 * leaders, supervisors and auditors see the whole court; a handler sees the cases they handle; an
 * auditor reads everything and changes nothing; the staff register's review is for those who see
 * the whole court and for staff administrators. The pages of this version only read.
 *
 * @param person the person's id in the register
 * @param name their name
 * @param roles the roles they hold on {@code on}
 * @param on the day their roles were read for
 */
public record Viewer(String person, String name, Set<Role> roles, LocalDate on) {
    private static final Set<Role> WHOLE_COURT = EnumSet.of(Role.FINANCE, Role.FUND_ADMINISTRATOR,
            Role.DIVISION_HEAD, Role.BUREAU_DIRECTOR, Role.COURT_LEADER, Role.SUPERVISOR, Role.AUDITOR);

    /** Copies the roles. */
    public Viewer {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /**
     * {@code person} as the register knows them on {@code date}; empty when the register does not
     * know them or they hold no role that day (they may not log in).
     */
    public static Optional<Viewer> of(StaffRegister register, String person, LocalDate date) {
        return register.person(person).flatMap(registered -> {
            Set<Role> held = EnumSet.noneOf(Role.class);
            for (RoleGrant grant : register.grants(person)) {
                if (grant.heldOn(date)) {
                    held.add(grant.role());
                }
            }
            return held.isEmpty() ? Optional.empty()
                    : Optional.of(new Viewer(registered.member().personId(), registered.member().name(), held, date));
        });
    }

    /** Whether they see every case and the court's reports. */
    public boolean seesWholeCourt() {
        return roles.stream().anyMatch(WHOLE_COURT::contains);
    }

    /** Whether they may see a case handled by {@code handler}. */
    public boolean maySee(String handler) {
        return seesWholeCourt() || (roles.contains(Role.HANDLER) && PersonIds.same(person, handler));
    }

    /** Whether they may read the staff register's review. */
    public boolean seesStaff() {
        return seesWholeCourt() || roles.contains(Role.STAFF_ADMINISTRATOR);
    }

    /** Whether they only audit: they read everything and change nothing. */
    public boolean auditor() {
        return roles.contains(Role.AUDITOR);
    }
}
