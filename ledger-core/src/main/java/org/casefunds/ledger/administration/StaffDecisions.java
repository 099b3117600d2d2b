package org.casefunds.ledger.administration;

import java.util.List;
import org.casefunds.ledger.approvals.PersonIds;
import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.NotFoundException;
import org.casefunds.ledger.base.StateConflictException;
import org.casefunds.ledger.commands.GrantRole;
import org.casefunds.ledger.commands.RegisterStaff;
import org.casefunds.ledger.commands.RevokeRole;
import org.casefunds.ledger.events.RoleGranted;
import org.casefunds.ledger.events.RoleRevoked;
import org.casefunds.ledger.events.StaffRegistered;
import org.casefunds.ledger.processing.Context;
import org.casefunds.ledger.staff.StaffChange;
import org.casefunds.ledger.staff.StaffMember;
import org.casefunds.ledger.staff.StaffRegister;

/**
 * The staff register: people registered with one id each, roles granted and revoked. A staff
 * administrator asks and a second one approves every change (four eyes), so that no one person can
 * give themselves or an invented colleague a role.
 */
public final class StaffDecisions {
    /** The approval every change of the register needs: a second staff administrator. */
    static final List<Role> APPROVERS = List.of(Role.STAFF_ADMINISTRATOR);

    private StaffDecisions() {
    }

    public static void registerStaff(Context context, RegisterStaff request) {
        StaffMember member = request.member();
        StaffRegister register = context.view().staffRegister();
        register.person(member.personId()).ifPresent(existing -> {
            throw new StateConflictException(ErrorCode.ALREADY_EXISTS, "member.personId", member.personId(),
                    "is already registered (as " + existing.member().personId() + ", " + existing.member().name()
                            + ", since " + existing.effectiveDate() + "); ids are compared ignoring case and width");
        });
        register.personWithStaffNumber(member.staffNumber()).ifPresent(other -> {
            throw new StateConflictException(ErrorCode.ALREADY_EXISTS, "member.staffNumber", member.staffNumber(),
                    "is already registered under id " + other + "; a person has one id, so grant that id the role");
        });
        context.draft().needApprovals(APPROVERS, "change of the staff register");
        context.draft().payload(new StaffRegistered(member));
    }

    public static void grantRole(Context context, GrantRole request) {
        StaffChange.Registered person = requirePerson(context, request.personId());
        if (request.from().isBefore(person.effectiveDate())) {
            throw new StateConflictException(ErrorCode.OUT_OF_ORDER, "from", request.from(),
                    "is before " + request.personId() + " entered the staff register on " + person.effectiveDate()
                            + "; a role starts on or after that day");
        }
        if (request.from().isBefore(context.date())) {
            throw new InvalidInputException(ErrorCode.INVALID_DATE, "from", request.from(),
                    "is before the grant's effective date " + context.date() + "; a grant cannot reach back");
        }
        context.draft().needApprovals(APPROVERS, "change of the staff register");
        context.draft().payload(new RoleGranted(person.member().personId(), request.role(), request.division(),
                request.from(), request.until()));
    }

    public static void revokeRole(Context context, RevokeRole request) {
        StaffChange.Registered person = requirePerson(context, request.personId());
        StaffChange.Revoked revocation = new StaffChange.Revoked(0, context.date(), "", "",
                person.member().personId(), request.role(), request.division());
        boolean held = context.view().staffRegister().grants(request.personId()).stream()
                .anyMatch(grant -> StaffRegister.revokes(revocation, grant));
        if (!held) {
            throw new StateConflictException(ErrorCode.INVALID_STATE, "role", request.role(),
                    request.personId() + " does not hold " + request.role()
                            + request.division().map(name -> " for " + name).orElse(" for the whole court")
                            + " on " + context.date() + " or later; there is nothing to revoke");
        }
        if (request.role() == Role.STAFF_ADMINISTRATOR && PersonIds.same(request.personId(),
                context.command().actor().id())) {
            throw new InvalidInputException(ErrorCode.INVALID_VALUE, "personId", request.personId(),
                    "is the requester; another administrator revokes an administrator's role");
        }
        context.draft().needApprovals(APPROVERS, "change of the staff register");
        context.draft().payload(new RoleRevoked(person.member().personId(), request.role(), request.division()));
    }

    private static StaffChange.Registered requirePerson(Context context, String personId) {
        return context.view().staffRegister().person(personId).orElseThrow(() -> new NotFoundException(
                ErrorCode.UNKNOWN_PERSON, "personId", personId,
                "is not in the staff register; register the person first (RegisterStaff)"));
    }
}
