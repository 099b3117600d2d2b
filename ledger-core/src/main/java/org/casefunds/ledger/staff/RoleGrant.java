package org.casefunds.ledger.staff;

import java.time.LocalDate;
import java.util.Optional;
import org.casefunds.ledger.approvals.Role;

/**
 * One role granted to one person: from a date, until an optional last day, possibly only within a
 * division, and ended early when it is revoked.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param sequence the event that granted it
 * @param personId who holds it, as the grant wrote the id
 * @param role the role
 * @param division the division it is limited to (for example {@code 执行一庭}); empty for the whole court
 * @param from the first day it is held
 * @param until the last day it is held; empty when open-ended
 * @param revokedFrom the first day it is no longer held because it was revoked; empty when not revoked
 */
public record RoleGrant(
        long sequence, String personId, Role role, Optional<String> division, LocalDate from,
        Optional<LocalDate> until, Optional<LocalDate> revokedFrom) {

    /** Whether the role is held on {@code date}. */
    public boolean heldOn(LocalDate date) {
        return !date.isBefore(from) && until.map(last -> !date.isAfter(last)).orElse(true)
                && revokedFrom.map(end -> date.isBefore(end)).orElse(true);
    }

    /** Whether the grant still gives the role on {@code date} or on some later day. */
    public boolean heldOnOrAfter(LocalDate date) {
        LocalDate last = lastDay().orElse(LocalDate.MAX);
        return !last.isBefore(date) && !last.isBefore(from);
    }

    /** The last day the role is held, if it ends. */
    public Optional<LocalDate> lastDay() {
        Optional<LocalDate> beforeRevocation = revokedFrom.map(end -> end.minusDays(1));
        if (until.isPresent() && beforeRevocation.isPresent()) {
            return Optional.of(until.get().isBefore(beforeRevocation.get()) ? until.get() : beforeRevocation.get());
        }
        return until.isPresent() ? until : beforeRevocation;
    }

    /** Whether the grant covers a request about cases of {@code divisions} (empty when about no case). */
    public boolean covers(java.util.Set<Optional<String>> divisions) {
        if (division.isEmpty()) {
            return true;
        }
        return !divisions.isEmpty() && divisions.stream().allMatch(division::equals);
    }

    /** The grant revoked from {@code date}. */
    RoleGrant revokedFrom(LocalDate date) {
        return new RoleGrant(sequence, personId, role, division, from, until, Optional.of(date));
    }

    /** How the grant reads in a message: {@code HANDLER (执行一庭) 2025-01-02..2025-06-30}. */
    public String describe() {
        return role + division.map(name -> " (" + name + ")").orElse("") + " " + from + ".."
                + lastDay().map(LocalDate::toString).orElse("");
    }
}
