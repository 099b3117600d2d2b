package org.casefunds.ledger.commands;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.casefunds.ledger.approvals.PersonIds;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.Limits;
import org.casefunds.ledger.staff.StaffMember;

/**
 * Opens the court's ledger: its first command. It names the court and its first staff
 * administrators, at least two, since every change of the staff register is approved by a second
 * administrator; the command's actor is one of them. They hold {@code STAFF_ADMINISTRATOR} from the
 * opening on, and register everyone else.
 *
 * @param courtCode the court's code as in its case numbers, 1..16 characters
 * @param courtName the court's full name, 1..100 characters
 * @param administrators the first staff administrators: two or more different people
 */
public record OpenLedger(String courtCode, String courtName, List<StaffMember> administrators) implements Request {
    /** The fewest first administrators: one to request each register change, one to approve it. */
    public static final int ADMINISTRATORS_MIN = 2;

    /** Checks the values. */
    public OpenLedger {
        courtCode = Checks.requiredText(courtCode, "courtCode", Limits.COURT_CODE_LENGTH_MAX);
        courtName = Checks.requiredText(courtName, "courtName", 100);
        administrators = List.copyOf(Checks.required(administrators, "administrators"));
        Checks.size(administrators, "administrators", 20);
        if (administrators.size() < ADMINISTRATORS_MIN) {
            throw new InvalidInputException(ErrorCode.MISSING_VALUE, "administrators", administrators.size(),
                    "a ledger opens with at least two staff administrators: one requests each change of the"
                            + " staff register and another approves it");
        }
        Set<String> ids = new HashSet<>();
        Set<String> numbers = new HashSet<>();
        for (StaffMember member : administrators) {
            if (!ids.add(PersonIds.normalised(member.personId()))) {
                throw new InvalidInputException(ErrorCode.INVALID_VALUE, "administrators.personId", member.personId(),
                        "is named twice; the first administrators are different people");
            }
            if (!numbers.add(member.staffNumber())) {
                throw new InvalidInputException(ErrorCode.INVALID_VALUE, "administrators.staffNumber",
                        member.staffNumber(), "is named twice; a person has one id");
            }
        }
    }
}
