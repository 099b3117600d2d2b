package org.casefunds.ledger.policy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.casefunds.ledger.approvals.ApprovalTier;
import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.Limits;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * Every decision the rules leave to the court, in one value with documented defaults (docs/domain.md,
 * the items marked [ours]). Two presets: {@link #defaults()} ({@code 10+5 working days}, what the
 * courts report today) and {@link #spc2017()} (the Supreme People's Court rules of 2017).
 *
 * <p>A policy is a value: the ledger records the decisions it took under a policy on the events
 * (a claimed lot's clock start, the approvals), so changing the policy later never rewrites history.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param name the preset's name, or the court's own
 * @param noticeDeadline how long after a lot's clock start the payment notice to finance must be
 *     issued. Default 10 working days: the requirement the courts report (docs/domain.md item 12)
 * @param amountTiers stricter or looser notice deadlines from some lot amount up. Default none
 * @param restartAfterDeferral when a deferral ends or is lifted, how long the clock gives from the
 *     day after its last day. Default 10 working days; SPC 2017: 10 calendar days (item 11)
 * @param settlementDeadline how long finance has, after the notice, to have the bank pay.
 *     Default 5 working days (item 12)
 * @param claimingDeadline how long an unidentified receipt may wait to be claimed. Default 3
 *     working days, the middle of what courts use (item 7)
 * @param warningHorizon how close to its deadline a lot is flagged "near deadline" (临期).
 *     Default 3 working days (item 24)
 * @param deferralMaximumMonths the longest a deferral may run per reason, in months; renewable with
 *     a new approval. Default 3 months for every reason: no open-ended deferral (item 17)
 * @param claimedClockStart when a claimed receipt's payout clock starts. Default
 *     {@link ClockStart#ARRIVAL}: the money was in the court's account all along (item 9)
 * @param approvalTiers approvals needed for payouts, refunds, deposits, distributions and
 *     transfers, by amount. Default: below 100,000.00 CNY a division head; from 100,000.00 the
 *     bureau director and the court leader in charge (item 15). Amounts in a currency no tier
 *     names need the highest tier
 * @param reversalApprovers approvals needed to reverse an event. Default the bureau director
 * @param deferralApprovers approvals needed to grant or renew a deferral. Default the bureau
 *     director and the court leader in charge (item 16)
 * @param returnedMoneyRestartsClock whether money the bank could not pay (a returned payout) gets a
 *     new payout clock from the return date, since it has to be paid again. Default true; false keeps
 *     the clock of its original arrival, so that it is overdue at once when that deadline has passed
 * @param largeBalanceThreshold the monthly report lists cases holding at least this. Default
 *     1,000,000.00 CNY (item 25)
 * @param oldBalancesCutoff money that arrived on or before this date and is still held is an "old
 *     balance" (旧存案款). Default 2022-12-31, the cut-off courts reported (item 25)
 * @param autoClaimExactMatches whether screening may claim an unidentified receipt by itself when
 *     exactly one open case matches its memo's case number exactly. Default false: a fund
 *     administrator claims (item 6)
 */
public record Policy(
        String name, Period noticeDeadline, List<AmountTier> amountTiers, Period restartAfterDeferral,
        Period settlementDeadline, Period claimingDeadline, Period warningHorizon,
        Map<DeferralReason, Integer> deferralMaximumMonths, ClockStart claimedClockStart,
        List<ApprovalTier> approvalTiers, List<Role> reversalApprovers, List<Role> deferralApprovers,
        boolean returnedMoneyRestartsClock, Money largeBalanceThreshold, LocalDate oldBalancesCutoff,
        boolean autoClaimExactMatches) {

    /** The name of the default preset. */
    public static final String DEFAULT_NAME = "10+5 working days";
    /** The name of the SPC 2017 preset. */
    public static final String SPC_2017_NAME = "SPC 2017";

    private static final CurrencyUnit CNY = CurrencyUnit.of("CNY");

    /** When a claimed receipt's payout clock starts. */
    public enum ClockStart {
        /** On the receipt's original arrival (bank value) date. */
        ARRIVAL,
        /** On the date it is claimed into a case. */
        CLAIM
    }

    /** Checks every value and copies the collections. */
    public Policy {
        name = Checks.requiredText(name, "name", 100);
        Checks.required(noticeDeadline, "noticeDeadline");
        amountTiers = sortedTiers(Checks.required(amountTiers, "amountTiers"));
        Checks.required(restartAfterDeferral, "restartAfterDeferral");
        Checks.required(settlementDeadline, "settlementDeadline");
        Checks.required(claimingDeadline, "claimingDeadline");
        Checks.required(warningHorizon, "warningHorizon");
        deferralMaximumMonths = checkedMonths(Checks.required(deferralMaximumMonths, "deferralMaximumMonths"));
        Checks.required(claimedClockStart, "claimedClockStart");
        approvalTiers = List.copyOf(Checks.required(approvalTiers, "approvalTiers"));
        if (approvalTiers.isEmpty()) {
            throw new InvalidInputException(ErrorCode.MISSING_VALUE, "approvalTiers", "[]",
                    "at least one tier is needed; a tier from 0.00 with a division head is the usual lowest");
        }
        reversalApprovers = approvingRoles(reversalApprovers, "reversalApprovers");
        deferralApprovers = approvingRoles(deferralApprovers, "deferralApprovers");
        Checks.required(largeBalanceThreshold, "largeBalanceThreshold");
        Checks.argument(largeBalanceThreshold.isPositive(), "largeBalanceThreshold", largeBalanceThreshold,
                "must be greater than zero");
        Checks.required(oldBalancesCutoff, "oldBalancesCutoff");
    }

    /** The default preset, {@code 10+5 working days}; see the record's parameters for each value. */
    public static Policy defaults() {
        Map<DeferralReason, Integer> months = new EnumMap<>(DeferralReason.class);
        for (DeferralReason reason : DeferralReason.values()) {
            months.put(reason, 3);
        }
        return new Policy(DEFAULT_NAME, Period.workingDays(10), List.of(), Period.workingDays(10),
                Period.workingDays(5), Period.workingDays(3), Period.workingDays(3), months, ClockStart.ARRIVAL,
                List.of(new ApprovalTier(Money.zero(CNY), List.of(Role.DIVISION_HEAD)),
                        new ApprovalTier(Money.of(CNY, 100_000), List.of(Role.BUREAU_DIRECTOR, Role.COURT_LEADER))),
                List.of(Role.BUREAU_DIRECTOR), List.of(Role.BUREAU_DIRECTOR, Role.COURT_LEADER), true,
                Money.of(CNY, 1_000_000), LocalDate.of(2022, 12, 31), false);
    }

    /**
     * The SPC 2017 preset (法发〔2017〕6号 art. 10): the payout within 30 calendar days of arrival, and
     * within 10 calendar days after a deferral reason ends; everything else as the defaults.
     */
    public static Policy spc2017() {
        return defaults().toBuilder().name(SPC_2017_NAME).noticeDeadline(Period.calendarDays(30))
                .restartAfterDeferral(Period.calendarDays(10)).build();
    }

    /** The preset called {@code name}: {@value #DEFAULT_NAME} or {@value #SPC_2017_NAME}. */
    public static Policy preset(String name) {
        if (DEFAULT_NAME.equals(name)) {
            return defaults();
        }
        if (SPC_2017_NAME.equals(name)) {
            return spc2017();
        }
        throw new InvalidInputException(ErrorCode.INVALID_VALUE, "preset", name,
                "is not a preset; the presets are '" + DEFAULT_NAME + "' and '" + SPC_2017_NAME + "'");
    }

    /** The notice deadline for a lot of {@code amount}: the last amount tier it reaches, else the default. */
    public Period noticeDeadlineFor(Money amount) {
        Period deadline = noticeDeadline;
        for (AmountTier tier : amountTiers) {
            if (tier.from().isSameCurrency(amount) && !amount.isLessThan(tier.from())) {
                deadline = tier.noticeDeadline();
            }
        }
        return deadline;
    }

    /**
     * The approving roles a payout, refund, deposit, distribution or transfer of {@code amount}
     * needs: the last tier in its currency that it reaches; in a currency no tier names, the
     * highest tier.
     */
    public List<Role> approversFor(Money amount) {
        List<Role> required = null;
        for (ApprovalTier tier : approvalTiers) {
            if (tier.from().isSameCurrency(amount) && !amount.isLessThan(tier.from())) {
                required = tier.roles();
            }
        }
        return required != null ? required : approvalTiers.get(approvalTiers.size() - 1).roles();
    }

    /** The longest a deferral for {@code reason} may run, in months. */
    public int deferralMaximumMonths(DeferralReason reason) {
        return deferralMaximumMonths.get(reason);
    }

    /** This policy with another notice deadline. */
    public Policy withNoticeDeadline(Period deadline) {
        return toBuilder().noticeDeadline(deadline).build();
    }

    /** This policy with amount tiers for the notice deadline. */
    public Policy withAmountTiers(List<AmountTier> tiers) {
        return toBuilder().amountTiers(tiers).build();
    }

    /** This policy with claimed receipts' clocks starting at {@code start}. */
    public Policy withClaimedClockStart(ClockStart start) {
        return toBuilder().claimedClockStart(start).build();
    }

    /** This policy with other approval tiers. */
    public Policy withApprovalTiers(List<ApprovalTier> tiers) {
        return toBuilder().approvalTiers(tiers).build();
    }

    /** This policy with automatic claiming of exact matches switched on or off. */
    public Policy withAutoClaimExactMatches(boolean on) {
        return toBuilder().autoClaimExactMatches(on).build();
    }

    /** A builder holding this policy's values, to change some of them. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes some values of a policy; {@link #build()} checks them all. */
    public static final class Builder {
        private String name;
        private Period noticeDeadline;
        private List<AmountTier> amountTiers;
        private Period restartAfterDeferral;
        private Period settlementDeadline;
        private Period claimingDeadline;
        private Period warningHorizon;
        private Map<DeferralReason, Integer> deferralMaximumMonths;
        private ClockStart claimedClockStart;
        private List<ApprovalTier> approvalTiers;
        private List<Role> reversalApprovers;
        private List<Role> deferralApprovers;
        private boolean returnedMoneyRestartsClock;
        private Money largeBalanceThreshold;
        private LocalDate oldBalancesCutoff;
        private boolean autoClaimExactMatches;

        private Builder(Policy from) {
            name = from.name;
            noticeDeadline = from.noticeDeadline;
            amountTiers = from.amountTiers;
            restartAfterDeferral = from.restartAfterDeferral;
            settlementDeadline = from.settlementDeadline;
            claimingDeadline = from.claimingDeadline;
            warningHorizon = from.warningHorizon;
            deferralMaximumMonths = from.deferralMaximumMonths;
            claimedClockStart = from.claimedClockStart;
            approvalTiers = from.approvalTiers;
            reversalApprovers = from.reversalApprovers;
            deferralApprovers = from.deferralApprovers;
            returnedMoneyRestartsClock = from.returnedMoneyRestartsClock;
            largeBalanceThreshold = from.largeBalanceThreshold;
            oldBalancesCutoff = from.oldBalancesCutoff;
            autoClaimExactMatches = from.autoClaimExactMatches;
        }

        /** See {@link Policy#name()}. */
        public Builder name(String value) {
            name = value;
            return this;
        }

        /** See {@link Policy#noticeDeadline()}. */
        public Builder noticeDeadline(Period value) {
            noticeDeadline = value;
            return this;
        }

        /** See {@link Policy#amountTiers()}. */
        public Builder amountTiers(List<AmountTier> value) {
            amountTiers = value;
            return this;
        }

        /** See {@link Policy#restartAfterDeferral()}. */
        public Builder restartAfterDeferral(Period value) {
            restartAfterDeferral = value;
            return this;
        }

        /** See {@link Policy#settlementDeadline()}. */
        public Builder settlementDeadline(Period value) {
            settlementDeadline = value;
            return this;
        }

        /** See {@link Policy#claimingDeadline()}. */
        public Builder claimingDeadline(Period value) {
            claimingDeadline = value;
            return this;
        }

        /** See {@link Policy#warningHorizon()}. */
        public Builder warningHorizon(Period value) {
            warningHorizon = value;
            return this;
        }

        /** See {@link Policy#deferralMaximumMonths()}. */
        public Builder deferralMaximumMonths(Map<DeferralReason, Integer> value) {
            deferralMaximumMonths = value;
            return this;
        }

        /** See {@link Policy#claimedClockStart()}. */
        public Builder claimedClockStart(ClockStart value) {
            claimedClockStart = value;
            return this;
        }

        /** See {@link Policy#approvalTiers()}. */
        public Builder approvalTiers(List<ApprovalTier> value) {
            approvalTiers = value;
            return this;
        }

        /** See {@link Policy#reversalApprovers()}. */
        public Builder reversalApprovers(List<Role> value) {
            reversalApprovers = value;
            return this;
        }

        /** See {@link Policy#deferralApprovers()}. */
        public Builder deferralApprovers(List<Role> value) {
            deferralApprovers = value;
            return this;
        }

        /** See {@link Policy#returnedMoneyRestartsClock()}. */
        public Builder returnedMoneyRestartsClock(boolean value) {
            returnedMoneyRestartsClock = value;
            return this;
        }

        /** See {@link Policy#largeBalanceThreshold()}. */
        public Builder largeBalanceThreshold(Money value) {
            largeBalanceThreshold = value;
            return this;
        }

        /** See {@link Policy#oldBalancesCutoff()}. */
        public Builder oldBalancesCutoff(LocalDate value) {
            oldBalancesCutoff = value;
            return this;
        }

        /** See {@link Policy#autoClaimExactMatches()}. */
        public Builder autoClaimExactMatches(boolean value) {
            autoClaimExactMatches = value;
            return this;
        }

        /**
         * The policy.
         *
         * @throws org.casefunds.ledger.base.InvalidInputException naming the first impossible value
         */
        public Policy build() {
            return new Policy(name, noticeDeadline, amountTiers, restartAfterDeferral, settlementDeadline,
                    claimingDeadline, warningHorizon, deferralMaximumMonths, claimedClockStart, approvalTiers,
                    reversalApprovers, deferralApprovers, returnedMoneyRestartsClock, largeBalanceThreshold,
                    oldBalancesCutoff, autoClaimExactMatches);
        }
    }

    private static List<AmountTier> sortedTiers(List<AmountTier> tiers) {
        List<AmountTier> sorted = new ArrayList<>(tiers);
        sorted.sort((a, b) -> a.from().getAmount().compareTo(b.from().getAmount()));
        return List.copyOf(sorted);
    }

    private static Map<DeferralReason, Integer> checkedMonths(Map<DeferralReason, Integer> months) {
        Map<DeferralReason, Integer> copy = new EnumMap<>(DeferralReason.class);
        for (DeferralReason reason : DeferralReason.values()) {
            Integer value = months.get(reason);
            if (value == null) {
                throw new InvalidInputException(ErrorCode.MISSING_VALUE, "deferralMaximumMonths." + reason, null,
                        "every deferral reason needs a maximum duration in months");
            }
            Checks.argument(value >= 1 && value <= Limits.DEFERRAL_MONTHS_MAX, "deferralMaximumMonths." + reason, value,
                    "must be between 1 and " + Limits.DEFERRAL_MONTHS_MAX + " months");
            copy.put(reason, value);
        }
        return Collections.unmodifiableMap(copy);
    }

    private static List<Role> approvingRoles(List<Role> roles, String field) {
        for (Role role : Checks.required(roles, field)) {
            Checks.argument(role.approves(), field, role,
                    "is not an approving role (DIVISION_HEAD, BUREAU_DIRECTOR, COURT_LEADER)");
        }
        return List.copyOf(roles);
    }
}
