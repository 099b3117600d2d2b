package org.casefunds.ledger.commands;

import java.time.LocalDate;
import java.util.Optional;
import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.Limits;

/**
 * Grants a registered person a role; a staff administrator asks, a second one approves.
 *
 * @param personId who is given the role
 * @param role the role
 * @param division limits the role to the cases of one division (for example {@code 执行一庭});
 *     empty for the whole court. A limited role covers only requests about that division's cases
 * @param from the first day the role is held: on or after the command's effective date and the
 *     person's registration
 * @param until the last day the role is held; empty when open-ended
 */
public record GrantRole(String personId, Role role, Optional<String> division, LocalDate from,
        Optional<LocalDate> until) implements Request {
    /** Checks the values. */
    public GrantRole {
        personId = Checks.requiredText(personId, "personId", Limits.PERSON_ID_LENGTH_MAX);
        Checks.required(role, "role");
        division = Optional.ofNullable(Checks.optionalText(Checks.required(division, "division").orElse(null),
                "division", Limits.PARTY_NAME_LENGTH_MAX));
        Checks.required(from, "from");
        Checks.required(until, "until");
        if (until.isPresent() && until.get().isBefore(from)) {
            throw new InvalidInputException(ErrorCode.INVALID_DATE, "until", until.get(),
                    "is before 'from' " + from + "; the last day comes on or after the first");
        }
    }

    /** {@code role} for the whole court from {@code from}, open-ended. */
    public static GrantRole of(String personId, Role role, LocalDate from) {
        return new GrantRole(personId, role, Optional.empty(), from, Optional.empty());
    }
}
