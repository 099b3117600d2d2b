package org.casefunds.ledger.approvals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.PermissionDeniedException;

/**
 * Four eyes and the approval chain (docs/domain.md items 15–16): each role a request needs gives
 * its own approval, by a different person, holding that role or a higher one, and never the
 * requester. The roles needed come from the policy's tiers (payouts, refunds, deposits,
 * distributions, transfers by amount), its reversal and deferral approvers, and the adoption rules
 * of the court's timeline.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class FourEyes {
    private FourEyes() {
    }

    /**
     * Checks {@code approvals} of a request by {@code requester} that needs {@code needed}.
     *
     * @param rule the kind of approval, for the message (for example {@code payout tier})
     * @throws PermissionDeniedException with {@link ErrorCode#SELF_APPROVAL} if the requester
     *     approves, {@link ErrorCode#ROLE_NOT_PERMITTED} if an approver's role does not approve,
     *     {@link ErrorCode#APPROVAL_MISSING} naming the role no approval covers
     * @throws InvalidInputException with {@link ErrorCode#INVALID_VALUE} if a person approves twice
     */
    public static void check(Actor requester, List<Approval> approvals, List<Role> needed, String rule) {
        Set<String> approvers = new HashSet<>();
        for (Approval approval : approvals) {
            if (PersonIds.same(approval.approverId(), requester.id())) {
                throw new PermissionDeniedException(ErrorCode.SELF_APPROVAL, "approvals.approverId",
                        approval.approverId(), "is the requester; a requester never approves their own request");
            }
            if (!approvers.add(PersonIds.normalised(approval.approverId()))) {
                throw new InvalidInputException(ErrorCode.INVALID_VALUE, "approvals.approverId",
                        approval.approverId(), "approves twice; each required approval needs its own approver");
            }
            if (!approval.role().approves() && !needed.contains(approval.role())) {
                throw new PermissionDeniedException(ErrorCode.ROLE_NOT_PERMITTED, "approvals.role",
                        approval.role(), "does not approve; approvers are DIVISION_HEAD, BUREAU_DIRECTOR"
                                + " or COURT_LEADER");
            }
        }
        List<Role> highestFirst = new ArrayList<>(needed);
        highestFirst.sort(Comparator.comparing(Role::ordinal).reversed());
        List<Approval> unused = new ArrayList<>(approvals);
        unused.sort(Comparator.comparing(approval -> approval.role().ordinal()));
        for (Role role : highestFirst) {
            Optional<Approval> match = unused.stream().filter(approval -> approval.role().canApproveAs(role))
                    .findFirst();
            if (match.isEmpty()) {
                throw new PermissionDeniedException(ErrorCode.APPROVAL_MISSING, "approvals",
                        approvals.stream().map(a -> a.approverId() + " as " + a.role())
                                .collect(Collectors.joining(", ", "[", "]")),
                        "a " + rule + " needs approval by " + needed
                                + " (each by a different person, none the requester); " + role + " is missing");
            }
            unused.remove(match.get());
        }
    }
}
