package org.casefunds.ledger.approvals;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.Limits;

/**
 * The person who issues a command, with the roles the court's own system has given them. The
 * ledger trusts the embedding system to have authenticated the person; it checks what the roles
 * allow.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param id the court system's user id, 1..64 characters, never null
 * @param roles at least one role, never null
 */
public record Actor(String id, Set<Role> roles) {

    /** Checks the id and copies the roles. */
    public Actor {
        id = Checks.requiredText(id, "actor.id", Limits.PERSON_ID_LENGTH_MAX);
        Checks.required(roles, "actor.roles");
        if (roles.isEmpty()) {
            throw new InvalidInputException(ErrorCode.MISSING_VALUE, "actor.roles", id,
                    "an actor needs at least one role");
        }
        roles = Collections.unmodifiableSet(EnumSet.copyOf(roles));
    }

    /** An actor with the given roles. */
    public static Actor of(String id, Role role, Role... more) {
        return new Actor(id, EnumSet.of(role, more));
    }

    /** Whether the actor holds {@code role}. */
    public boolean has(Role role) {
        return roles.contains(role);
    }
}
