package org.casefunds.ledger.commands;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.casefunds.ledger.approvals.Actor;
import org.casefunds.ledger.approvals.Approval;
import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.staff.StaffMember;

/**
 * The commands that bring a person into the staff register with their roles: one registration and
 * one grant per role, each asked by a staff administrator and approved by a second one. Keys are
 * {@code staff:ID} and {@code role:ID:ROLE}, so sending the same hiring twice changes nothing.
 */
public final class StaffCommands {
    private StaffCommands() {
    }

    /**
     * Registers {@code member} on {@code day} and grants each of {@code roles} from that day on,
     * for the whole court.
     */
    public static List<Command> hire(Actor administrator, Approval secondAdministrator, LocalDate day,
            StaffMember member, Role... roles) {
        List<Command> commands = new ArrayList<>();
        commands.add(Command.of("staff:" + member.personId(), administrator, day, new RegisterStaff(member))
                .approvedBy(secondAdministrator));
        for (Role role : roles) {
            commands.add(Command.of("role:" + member.personId() + ":" + role, administrator, day,
                    GrantRole.of(member.personId(), role, day)).approvedBy(secondAdministrator));
        }
        return commands;
    }
}
