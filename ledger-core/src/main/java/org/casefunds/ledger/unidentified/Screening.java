package org.casefunds.ledger.unidentified;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.cases.Party;
import org.casefunds.ledger.cases.PartyRole;
import org.casefunds.ledger.commands.ClaimUnidentified;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.state.CaseRecord;
import org.casefunds.ledger.state.LedgerView;
import org.casefunds.ledger.state.Lot;
import org.casefunds.ledger.state.Receipt;
import org.joda.money.Money;

/**
 * Help for screening unidentified receipts (甄别, docs/domain.md item 6): trace the case from the money
 * (a case or sub-account number written in any form in the memo) and the case from the person (the
 * payer's name against the cases' parties). It suggests; a fund administrator claims. It claims by
 * itself only when the policy allows it and the match is exact: the memo names exactly one open case
 * and nothing else points elsewhere.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class Screening {
    /** The shortest name fragment that counts as similar. */
    public static final int SIMILAR_NAME_LENGTH_MIN = 2;

    private Screening() {
    }

    /**
     * The cases {@code receipt} may belong to on {@code date}, best first; only cases opened on or
     * before that date.
     */
    public static List<Suggestion> suggest(Receipt receipt, LedgerView state, LocalDate date) {
        Checks.required(receipt, "receipt");
        Map<CaseNumber, Set<Suggestion.Reason>> reasons = new TreeMap<>();
        String memo = receipt.details().memo().orElse("");
        receipt.details().namedCase().flatMap(state::caseRecord).filter(record -> !record.openedOn().isAfter(date))
                .ifPresent(record -> add(reasons, record.caseNumber(), Suggestion.Reason.CASE_NAMED_WITH_PAYMENT));
        for (CaseNumber written : CaseNumber.findAll(memo)) {
            state.caseRecord(written).filter(record -> !record.openedOn().isAfter(date))
                    .ifPresent(record -> add(reasons, written, Suggestion.Reason.CASE_NUMBER_IN_MEMO));
        }
        Optional<String> payer = receipt.details().payer().name();
        for (CaseRecord record : state.cases()) {
            if (record.openedOn().isAfter(date)) {
                continue;
            }
            if (!memo.isEmpty() && memo.contains(record.subAccountNumber())) {
                add(reasons, record.caseNumber(), Suggestion.Reason.SUB_ACCOUNT_IN_MEMO);
            }
            payer.ifPresent(name -> matchPayer(reasons, record, name));
        }
        List<Suggestion> suggestions = new ArrayList<>();
        reasons.forEach((caseNumber, why) -> {
            List<Suggestion.Reason> ordered = new ArrayList<>(why);
            ordered.sort(Comparator.comparing(Suggestion.Reason::weight).reversed());
            int score = ordered.stream().mapToInt(Suggestion.Reason::weight).sum();
            suggestions.add(new Suggestion(caseNumber, score, ordered));
        });
        suggestions.sort(Comparator.comparing(Suggestion::score).reversed().thenComparing(Suggestion::caseNumber));
        return suggestions;
    }

    private static void matchPayer(Map<CaseNumber, Set<Suggestion.Reason>> reasons, CaseRecord record,
            String payer) {
        for (Party party : record.parties()) {
            if (party.name().equals(payer)) {
                add(reasons, record.caseNumber(), party.role() == PartyRole.DEBTOR
                        ? Suggestion.Reason.PAYER_IS_DEBTOR : Suggestion.Reason.PAYER_IS_PARTY);
            } else if (similar(party.name(), payer)) {
                add(reasons, record.caseNumber(), Suggestion.Reason.PAYER_NAME_SIMILAR);
            }
        }
    }

    private static boolean similar(String a, String b) {
        String shorter = a.length() <= b.length() ? a : b;
        String longer = shorter == a ? b : a;
        return shorter.length() >= SIMILAR_NAME_LENGTH_MIN && longer.contains(shorter);
    }

    private static void add(Map<CaseNumber, Set<Suggestion.Reason>> reasons, CaseNumber caseNumber,
            Suggestion.Reason reason) {
        reasons.computeIfAbsent(caseNumber, key -> EnumSet.noneOf(Suggestion.Reason.class)).add(reason);
    }

    /**
     * The claim screening may make by itself, if any: only when the policy allows automatic claims,
     * the memo names exactly one open case, and no other case is suggested at all. The claim takes
     * what is left of the receipt.
     */
    public static Optional<ClaimUnidentified> automaticClaim(Receipt receipt, LedgerView state, LocalDate date,
            Policy policy) {
        if (!policy.autoClaimExactMatches()) {
            return Optional.empty();
        }
        List<Suggestion> suggestions = suggest(receipt, state, date);
        if (suggestions.size() != 1 || !suggestions.get(0).exact()) {
            return Optional.empty();
        }
        Money left = null;
        for (Lot lot : state.openLotsOfReceipt(receipt.key())) {
            left = left == null ? lot.remaining() : left.plus(lot.remaining());
        }
        if (left == null) {
            return Optional.empty();
        }
        boolean named = suggestions.get(0).reasons().contains(Suggestion.Reason.CASE_NAMED_WITH_PAYMENT);
        return Optional.of(new ClaimUnidentified(receipt.key(), suggestions.get(0).caseNumber(), left,
                Optional.of(named ? "claimed by screening: the payment named this case"
                        : "claimed by screening: the memo names this case")));
    }
}
