package org.casefunds.ledger.staff;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.casefunds.ledger.approvals.PersonIds;
import org.casefunds.ledger.approvals.Role;

/**
 * Who works at the court and which roles they hold when: the staff register, folded from the
 * journal's {@link StaffChange}s. Every command's actor and every approver must hold the role they
 * act in on the command's effective date; the ledger opening names the first staff administrators.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class StaffRegister {
    private static final StaffRegister EMPTY = new StaffRegister(List.of(), Map.of(), Map.of(), List.of());

    private final List<StaffChange> changes;
    private final Map<String, StaffChange.Registered> people;
    private final Map<String, String> idByStaffNumber;
    private final List<RoleGrant> grants;
    /** The grants by normalised person id, made on first use (the register is immutable). */
    private volatile Map<String, List<RoleGrant>> grantsByPerson;

    private StaffRegister(List<StaffChange> changes, Map<String, StaffChange.Registered> people,
            Map<String, String> idByStaffNumber, List<RoleGrant> grants) {
        this.changes = changes;
        this.people = people;
        this.idByStaffNumber = idByStaffNumber;
        this.grants = grants;
    }

    /** The register of a ledger with no staff yet. */
    public static StaffRegister empty() {
        return EMPTY;
    }

    /** The register of {@code changes} folded in order. */
    public static StaffRegister of(List<? extends StaffChange> changes) {
        StaffRegister register = EMPTY;
        for (StaffChange change : changes) {
            register = register.with(change);
        }
        return register;
    }

    /** This register with {@code change} applied after the changes it holds. */
    public StaffRegister with(StaffChange change) {
        List<StaffChange> moreChanges = new ArrayList<>(changes);
        moreChanges.add(change);
        Map<String, StaffChange.Registered> morePeople = new LinkedHashMap<>(people);
        Map<String, String> moreNumbers = new HashMap<>(idByStaffNumber);
        List<RoleGrant> moreGrants = new ArrayList<>(grants);
        if (change instanceof StaffChange.Registered registered) {
            morePeople.put(PersonIds.normalised(registered.member().personId()), registered);
            moreNumbers.put(registered.member().staffNumber(), registered.member().personId());
        } else if (change instanceof StaffChange.Granted granted) {
            moreGrants.add(new RoleGrant(granted.sequence(), granted.personId(), granted.role(), granted.division(),
                    granted.from(), granted.until(), Optional.empty()));
        } else if (change instanceof StaffChange.Revoked revoked) {
            for (int i = 0; i < moreGrants.size(); i++) {
                RoleGrant grant = moreGrants.get(i);
                if (revokes(revoked, grant)) {
                    moreGrants.set(i, grant.revokedFrom(revoked.effectiveDate()));
                }
            }
        }
        return new StaffRegister(Collections.unmodifiableList(moreChanges), Collections.unmodifiableMap(morePeople),
                Collections.unmodifiableMap(moreNumbers), Collections.unmodifiableList(moreGrants));
    }

    /** Whether {@code revoked} ends {@code grant}: same person, role and division, still held then or later. */
    public static boolean revokes(StaffChange.Revoked revoked, RoleGrant grant) {
        return PersonIds.same(grant.personId(), revoked.personId()) && grant.role() == revoked.role()
                && grant.division().equals(revoked.division()) && grant.heldOnOrAfter(revoked.effectiveDate());
    }

    /** Every change, in journal order: the auditors' change log. */
    public List<StaffChange> changes() {
        return changes;
    }

    /** The registration of the person with user id {@code personId}, compared in its normal form. */
    public Optional<StaffChange.Registered> person(String personId) {
        return Optional.ofNullable(people.get(PersonIds.normalised(personId)));
    }

    /** Every registered person, in the order registered. */
    public List<StaffChange.Registered> people() {
        return List.copyOf(people.values());
    }

    /** The user id registered with staff number {@code staffNumber}. */
    public Optional<String> personWithStaffNumber(String staffNumber) {
        return Optional.ofNullable(idByStaffNumber.get(staffNumber));
    }

    /** Every grant to {@code personId}, in the order granted. */
    public List<RoleGrant> grants(String personId) {
        Map<String, List<RoleGrant>> byPerson = grantsByPerson;
        if (byPerson == null) {
            byPerson = new HashMap<>();
            for (RoleGrant grant : grants) {
                byPerson.computeIfAbsent(PersonIds.normalised(grant.personId()), id -> new ArrayList<>()).add(grant);
            }
            byPerson.replaceAll((id, theirs) -> List.copyOf(theirs));
            grantsByPerson = byPerson;
        }
        return byPerson.getOrDefault(PersonIds.normalised(personId), List.of());
    }

    /** Every grant, in the order granted. */
    public List<RoleGrant> grants() {
        return grants;
    }

    /** The grants that give {@code personId} the role {@code role} on {@code date}, whatever their division. */
    public List<RoleGrant> held(String personId, Role role, LocalDate date) {
        List<RoleGrant> found = new ArrayList<>();
        for (RoleGrant grant : grants(personId)) {
            if (grant.role() == role && grant.heldOn(date)) {
                found.add(grant);
            }
        }
        return found;
    }

    /**
     * Why {@code personId} may not act as {@code role} on {@code date}, or empty when they hold it:
     * the one wording of the rule, for refusing a command and for auditing a journal.
     */
    public Optional<String> whyNotHeld(String personId, Role role, LocalDate date) {
        if (person(personId).isEmpty()) {
            return Optional.of("is not in the staff register; a staff administrator registers people (RegisterStaff)"
                    + " and grants roles (GrantRole), each approved by a second administrator");
        }
        if (!held(personId, role, date).isEmpty()) {
            return Optional.empty();
        }
        List<RoleGrant> ever = grants(personId).stream().filter(grant -> grant.role() == role).toList();
        String history = ever.isEmpty() ? "has never held it"
                : "held it " + ever.stream().map(RoleGrant::describe).collect(Collectors.joining(", "));
        return Optional.of("does not hold " + role + " on " + date + " in the staff register (" + history + ")");
    }

    /** Every grant held on {@code date}, in the order granted: who held which role then. */
    public List<RoleGrant> heldOn(LocalDate date) {
        List<RoleGrant> found = new ArrayList<>();
        for (RoleGrant grant : grants) {
            if (grant.heldOn(date)) {
                found.add(grant);
            }
        }
        return found;
    }
}
