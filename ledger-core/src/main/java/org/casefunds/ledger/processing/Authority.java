package org.casefunds.ledger.processing;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.casefunds.ledger.approvals.Approval;
import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.PermissionDeniedException;
import org.casefunds.ledger.commands.Command;
import org.casefunds.ledger.commands.OpenLedger;
import org.casefunds.ledger.staff.RoleGrant;
import org.casefunds.ledger.staff.StaffRegister;

/**
 * Authority from the staff register: the actor holds every role they act in, and every approver
 * the role they approve as, on the command's effective date; a role granted for one division covers
 * only requests about that division's cases. The ledger's opening is the one command decided
 * before anyone holds a role: its actor must be one of the first administrators it names.
 */
final class Authority {
    private Authority() {
    }

    /** Before the decision: every role claimed is held on the date, in some division or the whole court. */
    static void requireRolesHeld(StaffRegister register, Command command) {
        if (command.request() instanceof OpenLedger) {
            return;
        }
        for (Role role : command.actor().roles()) {
            requireHeld(register, command.actor().id(), role, command.effectiveDate(), "actor");
        }
        for (Approval approval : command.approvals()) {
            requireHeld(register, approval.approverId(), approval.role(), command.effectiveDate(), "approvals");
        }
    }

    /** After the decision: each role claimed has a grant covering the divisions of the cases concerned. */
    static void requireRolesCover(StaffRegister register, Command command, Set<Optional<String>> divisions) {
        if (command.request() instanceof OpenLedger) {
            return;
        }
        for (Role role : command.actor().roles()) {
            requireCovers(register, command.actor().id(), role, command.effectiveDate(), divisions, "actor");
        }
        for (Approval approval : command.approvals()) {
            requireCovers(register, approval.approverId(), approval.role(), command.effectiveDate(), divisions,
                    "approvals");
        }
    }

    static void requireHeld(StaffRegister register, String personId, Role role, LocalDate date, String field) {
        register.whyNotHeld(personId, role, date).ifPresent(reason -> {
            throw new PermissionDeniedException(ErrorCode.ROLE_NOT_HELD, field, personId, reason
                    + (reason.startsWith("does not hold")
                            ? "; ask a staff administrator to grant it, or act as someone who holds it" : ""));
        });
    }

    private static void requireCovers(StaffRegister register, String personId, Role role, LocalDate date,
            Set<Optional<String>> divisions, String field) {
        List<RoleGrant> held = register.held(personId, role, date);
        if (held.stream().anyMatch(grant -> grant.covers(divisions))) {
            return;
        }
        String concerned = divisions.isEmpty() ? "a request about no one case"
                : "cases of " + divisions.stream().map(division -> division.orElse("no division"))
                        .sorted().collect(Collectors.joining(", "));
        throw new PermissionDeniedException(ErrorCode.ROLE_NOT_HELD, field, personId,
                "holds " + role + " on " + date + " only as " + held.stream().map(RoleGrant::describe)
                        .collect(Collectors.joining(", ")) + ", which does not cover " + concerned
                        + "; a division's role covers only its own cases");
    }
}
