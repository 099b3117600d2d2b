package org.casefunds.ledger.money;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.Limits;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * Distribution of enforced money among several creditors (DOMAIN §5 item 19): enforcement costs
 * first, then priority claims, then ordinary claims, each rank pro rata to its claims when the
 * money does not cover it.
 *
 * <p>The rules, rank by rank in the order of {@link Rank}:
 *
 * <ul>
 *   <li>If the money left covers every claim of the rank, each is paid in full.
 *   <li>Otherwise the money left is split pro rata to the claimed amounts of the rank, to the
 *       minor unit, by the largest-remainder method: each claim gets
 *       {@code floor(left × claimed / rankTotal)} minor units, then the leftover minor units
 *       (fewer than the claims of the rank) go one each to the claims with the largest fractional
 *       remainders, ties broken by the larger claim, then by the earlier position in the input.
 *       Lower ranks get nothing.
 * </ul>
 *
 * <p>No share exceeds its claim, and the shares add up to {@code min(total, Σ claimed)} exactly:
 * no minor unit is lost or invented. Money above the sum of the claims is not allocated; it is the
 * {@link #surplus}, which the caller refunds to the debtor (DOMAIN §5 item 22). The arithmetic is
 * exact, on {@code long} minor units and {@link BigInteger} products; nothing is rounded except by
 * the largest-remainder rule above, so no {@link java.math.RoundingMode} is involved.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class ProRata {

    private ProRata() {
    }

    /**
     * The rank of a claim in a distribution; ranks are served in declaration order, and a rank
     * gets money only once every higher rank is paid in full.
     */
    public enum Rank {
        /** Costs of the enforcement itself (执行费用), paid first. */
        ENFORCEMENT_COSTS,
        /** Claims with a priority right (优先受偿), such as a mortgage or wages. */
        PRIORITY,
        /** Ordinary claims (普通债权), paid last. */
        ORDINARY
    }

    /**
     * One creditor's claim on the money to distribute. The record holds what it is given; the
     * values are checked by {@link #allocate} and {@link #surplus}, which name the position of a
     * bad claim.
     *
     * @param creditor who claims, unique within one distribution (compared without surrounding
     *     white space); not blank
     * @param claimed the amount claimed, positive, in the currency of the total
     * @param rank the rank of the claim; not null
     */
    public record Claim(String creditor, Money claimed, Rank rank) {
    }

    /**
     * What one claim receives.
     *
     * @param creditor the creditor, exactly as in the claim; never null
     * @param claimed the amount claimed; never null
     * @param rank the rank of the claim; never null
     * @param allocated the amount allocated, from zero up to {@code claimed}; never null
     */
    public record Share(String creditor, Money claimed, Rank rank, Money allocated) {
        /** Whether the claim is paid in full. */
        public boolean isPaidInFull() {
            return allocated.isEqual(claimed);
        }
    }

    /**
     * Allocates {@code total} to the claims by rank, pro rata within a rank that the money does
     * not cover; see the class documentation for the rules.
     *
     * @param total the money to distribute, positive; not null
     * @param claims the claims, 1 to {@link Limits#DISTRIBUTION_CLAIMS_MAX}; not null
     * @return one share per claim, in the order of {@code claims}, an immutable list; never null
     * @throws InvalidInputException naming the field at fault: {@code amount} if the total is
     *     missing, zero or negative; {@code claims} if the list is missing, empty or longer than
     *     {@link Limits#DISTRIBUTION_CLAIMS_MAX} ({@link ErrorCode#LIMIT_EXCEEDED}); {@code claims[i]},
     *     {@code claims[i].creditor} (blank, or {@link ErrorCode#INVALID_VALUE} when it repeats an
     *     earlier creditor), {@code claims[i].claimed} (missing, zero, negative, or
     *     {@link ErrorCode#CURRENCY_MISMATCH} with the total) or {@code claims[i].rank} for a bad
     *     claim
     */
    public static List<Share> allocate(Money total, List<Claim> claims) {
        return allocateChecked(total, validated(total, claims));
    }

    private static List<Share> allocateChecked(Money total, List<Claim> claims) {
        CurrencyUnit currency = total.getCurrencyUnit();
        long[] allocatedMinor = new long[claims.size()];
        long leftMinor = total.getAmountMinorLong();
        for (Rank rank : Rank.values()) {
            List<Integer> members = membersOf(claims, rank);
            long rankTotalMinor = 0;
            for (int index : members) {
                rankTotalMinor = Math.addExact(rankTotalMinor,
                        claims.get(index).claimed().getAmountMinorLong());
            }
            if (rankTotalMinor <= leftMinor) {
                for (int index : members) {
                    allocatedMinor[index] = claims.get(index).claimed().getAmountMinorLong();
                }
                leftMinor -= rankTotalMinor;
            } else if (leftMinor > 0) {
                splitLargestRemainder(claims, members, rankTotalMinor, leftMinor, allocatedMinor);
                leftMinor = 0;
            }
        }
        List<Share> shares = new ArrayList<>(claims.size());
        for (int i = 0; i < claims.size(); i++) {
            Claim claim = claims.get(i);
            shares.add(new Share(claim.creditor(), claim.claimed(), claim.rank(),
                    Money.ofMinor(currency, allocatedMinor[i])));
        }
        checkShares(total, claims, allocatedMinor);
        return List.copyOf(shares);
    }

    /**
     * The part of {@code total} above the sum of the claims, which {@link #allocate} leaves
     * unallocated for the caller to refund to the debtor.
     *
     * @param total the money to distribute, positive; not null
     * @param claims the claims; not null
     * @return {@code total − Σ claimed} if positive, otherwise zero, in the currency of the total;
     *     never null
     * @throws InvalidInputException as {@link #allocate} does
     */
    public static Money surplus(Money total, List<Claim> claims) {
        long claimedMinor = claimedMinor(validated(total, claims));
        long surplusMinor = total.getAmountMinorLong() - claimedMinor;
        return Money.ofMinor(total.getCurrencyUnit(), Math.max(0, surplusMinor));
    }

    /**
     * Splits {@code leftMinor}, which is less than {@code rankTotalMinor}, among the claims at
     * {@code members} by the largest-remainder method. The products {@code left × claimed} may
     * exceed a {@code long}, so they are {@link BigInteger}s; the quotients and remainders are
     * below {@code claimed} and {@code rankTotalMinor} and fit a {@code long}.
     */
    private static void splitLargestRemainder(List<Claim> claims, List<Integer> members,
            long rankTotalMinor, long leftMinor, long[] allocatedMinor) {
        BigInteger left = BigInteger.valueOf(leftMinor);
        BigInteger rankTotal = BigInteger.valueOf(rankTotalMinor);
        long[] remainders = new long[claims.size()];
        long floorsMinor = 0;
        for (int index : members) {
            long claimedMinor = claims.get(index).claimed().getAmountMinorLong();
            BigInteger[] quotientAndRemainder = left.multiply(BigInteger.valueOf(claimedMinor))
                    .divideAndRemainder(rankTotal);
            allocatedMinor[index] = quotientAndRemainder[0].longValueExact();
            remainders[index] = quotientAndRemainder[1].longValueExact();
            floorsMinor += allocatedMinor[index];
        }
        long leftoverMinor = leftMinor - floorsMinor;
        // Σ remainder / rankTotal equals the leftover and each term is below one, so the leftover
        // is below the number of claims and every claim that gets a unit has a remainder above 0.
        Checks.invariant(leftoverMinor >= 0 && leftoverMinor < members.size(),
                "largest-remainder leftover " + leftoverMinor + " out of range");
        Comparator<Integer> order = Comparator
                .comparing((Integer index) -> remainders[index], Comparator.reverseOrder())
                .thenComparing(index -> claims.get(index).claimed().getAmountMinorLong(),
                        Comparator.reverseOrder())
                .thenComparing(Comparator.naturalOrder());
        List<Integer> byRemainder = new ArrayList<>(members);
        byRemainder.sort(order);
        for (int k = 0; k < leftoverMinor; k++) {
            int index = byRemainder.get(k);
            Checks.invariant(remainders[index] > 0, "a leftover unit went to an exact share");
            allocatedMinor[index] += 1;
        }
    }

    private static List<Integer> membersOf(List<Claim> claims, Rank rank) {
        List<Integer> members = new ArrayList<>();
        for (int i = 0; i < claims.size(); i++) {
            if (claims.get(i).rank() == rank) {
                members.add(i);
            }
        }
        return members;
    }

    private static long claimedMinor(List<Claim> claims) {
        long sumMinor = 0;
        for (Claim claim : claims) {
            sumMinor = Math.addExact(sumMinor, claim.claimed().getAmountMinorLong());
        }
        return sumMinor;
    }

    /**
     * Returns a copy of {@code claimsGiven}, so that a list changed by another thread cannot
     * change under the checks, after checking the copy; see {@link #allocate} for the checks.
     */
    private static List<Claim> validated(Money total, List<Claim> claimsGiven) {
        Amounts.positive(total, "amount");
        Checks.required(claimsGiven, "claims");
        List<Claim> claims = new ArrayList<>(claimsGiven);
        if (claims.isEmpty()) {
            throw new InvalidInputException(ErrorCode.MISSING_VALUE, "claims", "0 entries",
                    "at least one claim is required");
        }
        Checks.size(claims, "claims", Limits.DISTRIBUTION_CLAIMS_MAX);
        Map<String, Integer> firstIndexByCreditor = new HashMap<>();
        for (int i = 0; i < claims.size(); i++) {
            String field = "claims[" + i + "]";
            Claim claim = Checks.required(claims.get(i), field);
            String creditor = Checks.requiredText(claim.creditor(), field + ".creditor",
                    Limits.CREDITOR_NAME_LENGTH_MAX);
            Integer earlier = firstIndexByCreditor.putIfAbsent(creditor, i);
            if (earlier != null) {
                throw new InvalidInputException(ErrorCode.INVALID_VALUE, field + ".creditor",
                        claim.creditor(), "repeats the creditor of claims[" + earlier
                                + "]; each creditor holds one claim per distribution");
            }
            Checks.required(claim.claimed(), field + ".claimed");
            Amounts.sameCurrency(claim.claimed(), total.getCurrencyUnit(), field + ".claimed",
                    "the amount to distribute");
            Amounts.positive(claim.claimed(), field + ".claimed");
            Checks.required(claim.rank(), field + ".rank");
        }
        return claims;
    }

    /**
     * The postconditions that protect money: every share between zero and its claim, and the
     * shares adding up to {@code min(total, Σ claimed)}.
     */
    private static void checkShares(Money total, List<Claim> claims, long[] allocatedMinor) {
        long allocatedSumMinor = 0;
        for (int i = 0; i < claims.size(); i++) {
            long claimed = claims.get(i).claimed().getAmountMinorLong();
            Checks.invariant(allocatedMinor[i] >= 0 && allocatedMinor[i] <= claimed,
                    "share of claims[" + i + "] outside 0.." + claimed);
            allocatedSumMinor += allocatedMinor[i];
        }
        long expectedMinor = Math.min(total.getAmountMinorLong(), claimedMinor(claims));
        Checks.invariant(allocatedSumMinor == expectedMinor,
                "shares add up to " + allocatedSumMinor + " minor units, not " + expectedMinor);
    }
}
