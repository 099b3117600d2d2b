package org.casefunds.ledger.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.Limits;
import org.casefunds.ledger.money.ProRata.Claim;
import org.casefunds.ledger.money.ProRata.Rank;
import org.casefunds.ledger.money.ProRata.Share;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/*
 * Goal: show that ProRata distributes money among creditors by rank and, within a rank the money
 * does not cover, pro rata by the largest-remainder method, never losing or inventing a cent, and
 * that it refuses bad input naming the field.
 *
 * Method: hand-worked examples, each computed in a comment; one test per refusal, asserting code,
 * field and value; and QuickTheories properties over generated distributions (1 to 12 claims of
 * random ranks, amounts from one fen with many ties up to the ledger's largest amount, totals
 * biased towards the edges where a rank is exactly paid). The properties together pin the
 * result: conservation (Σ allocated = min(total, Σ claimed)), no share above its claim, ranks
 * served strictly in order, every share within one cent of its exact proportion, the leftover
 * cents going to the largest remainders with the documented tie-breaks, determinism, and
 * independence of input order except for the tie-break by position.
 */
class ProRataTest {
    private static final CurrencyUnit CNY = CurrencyUnit.of("CNY");
    private static final int EXAMPLES = Integer.getInteger("property.examples", 200);

    private static Money cny(String amount) {
        return Money.of(CNY, new BigDecimal(amount));
    }

    private static Claim claim(String creditor, String claimed, Rank rank) {
        return new Claim(creditor, cny(claimed), rank);
    }

    private static List<String> allocated(List<Share> shares) {
        List<String> amounts = new ArrayList<>();
        for (Share share : shares) {
            amounts.add(share.allocated().getAmount().toPlainString());
        }
        return amounts;
    }

    // ---------------------------------------------------------------- hand-worked examples

    @Test
    void threeEqualClaimsShareOneHundred() {
        // 100.00 among three claims of 50.00: each exactly 33.333..., floors 33.33 × 3 = 99.99;
        // the one leftover cent goes, remainders and claims being equal, to the first claim.
        List<Share> shares = ProRata.allocate(cny("100.00"), List.of(
                claim("A", "50.00", Rank.ORDINARY),
                claim("B", "50.00", Rank.ORDINARY),
                claim("C", "50.00", Rank.ORDINARY)));
        assertEquals(List.of("33.34", "33.33", "33.33"), allocated(shares));
        assertEquals(List.of("A", "B", "C"),
                shares.stream().map(Share::creditor).toList());
    }

    @Test
    void costsFirstThenOrdinaryProRata() {
        // 1,000.00: the costs of 200.00 first, whatever their position in the input; the 800.00
        // left among ordinary claims of 1,200.00 and 400.00 (1,600.00): 600.00 and 200.00.
        List<Share> shares = ProRata.allocate(cny("1000.00"), List.of(
                claim("A", "1200.00", Rank.ORDINARY),
                claim("court", "200.00", Rank.ENFORCEMENT_COSTS),
                claim("B", "400.00", Rank.ORDINARY)));
        assertEquals(List.of("600.00", "200.00", "200.00"), allocated(shares));
        assertTrue(shares.get(1).isPaidInFull());
    }

    @Test
    void priorityClaimsExhaustTheMoney() {
        // 500.00: costs 100.00 in full; 400.00 left for priority claims of 450.00 and 150.00
        // (600.00): 400 × 450 / 600 = 300.00 and 400 × 150 / 600 = 100.00; ordinary gets 0.00.
        List<Share> shares = ProRata.allocate(cny("500.00"), List.of(
                claim("court", "100.00", Rank.ENFORCEMENT_COSTS),
                claim("bank", "450.00", Rank.PRIORITY),
                claim("workers", "150.00", Rank.PRIORITY),
                claim("A", "300.00", Rank.ORDINARY)));
        assertEquals(List.of("100.00", "300.00", "100.00", "0.00"), allocated(shares));
    }

    @Test
    void moneyExactlyPayingTheHigherRanksLeavesNothingBelow() {
        // 550.00 = costs 100.00 + priority 450.00: both in full, the ordinary claim gets 0.00.
        List<Share> shares = ProRata.allocate(cny("550.00"), List.of(
                claim("court", "100.00", Rank.ENFORCEMENT_COSTS),
                claim("bank", "450.00", Rank.PRIORITY),
                claim("A", "300.00", Rank.ORDINARY)));
        assertEquals(List.of("100.00", "450.00", "0.00"), allocated(shares));
    }

    @Test
    void surplusIsNotAllocated() {
        // 1,000.00 against claims of 300.00 and 200.00: both in full, 500.00 left for the debtor.
        List<Claim> claims = List.of(
                claim("A", "300.00", Rank.ORDINARY),
                claim("court", "200.00", Rank.ENFORCEMENT_COSTS));
        assertEquals(List.of("300.00", "200.00"),
                allocated(ProRata.allocate(cny("1000.00"), claims)));
        assertEquals(cny("500.00"), ProRata.surplus(cny("1000.00"), claims));
        // 500.00 exactly: no surplus; 499.99: no surplus either (the claims are not all paid).
        assertEquals(cny("0.00"), ProRata.surplus(cny("500.00"), claims));
        assertEquals(cny("0.00"), ProRata.surplus(cny("499.99"), claims));
    }

    @Test
    void leftoverCentsGoToTheLargestRemainders() {
        // 1.00 among 3.00, 3.00, 1.00 (7.00): exact 0.428..., 0.428..., 0.142...; floors 0.42,
        // 0.42, 0.14 = 0.98; remainders 6/7, 6/7, 2/7 of a cent: the two cents left go to the
        // two claims of 3.00.
        List<Share> shares = ProRata.allocate(cny("1.00"), List.of(
                claim("A", "3.00", Rank.ORDINARY),
                claim("B", "3.00", Rank.ORDINARY),
                claim("C", "1.00", Rank.ORDINARY)));
        assertEquals(List.of("0.43", "0.43", "0.14"), allocated(shares));
    }

    @Test
    void equalRemaindersGoToTheLargerClaimWhateverTheOrder() {
        // 0.02 among 0.01 and 0.03 (0.04): exact 0.005 and 0.015; floors 0.00 and 0.01; both
        // remainders are half a cent, so the leftover cent goes to the larger claim, in either
        // input order.
        assertEquals(List.of("0.00", "0.02"), allocated(ProRata.allocate(cny("0.02"), List.of(
                claim("small", "0.01", Rank.ORDINARY),
                claim("big", "0.03", Rank.ORDINARY)))));
        assertEquals(List.of("0.02", "0.00"), allocated(ProRata.allocate(cny("0.02"), List.of(
                claim("big", "0.03", Rank.ORDINARY),
                claim("small", "0.01", Rank.ORDINARY)))));
    }

    @Test
    void currencyWithoutDecimalsSplitsWholeUnits() {
        // JPY has no minor unit below the yen: 100 among three claims of 50 gives 34, 33, 33.
        CurrencyUnit jpy = CurrencyUnit.of("JPY");
        List<Share> shares = ProRata.allocate(Money.ofMajor(jpy, 100), List.of(
                new Claim("A", Money.ofMajor(jpy, 50), Rank.ORDINARY),
                new Claim("B", Money.ofMajor(jpy, 50), Rank.ORDINARY),
                new Claim("C", Money.ofMajor(jpy, 50), Rank.ORDINARY)));
        assertEquals(List.of("34", "33", "33"), allocated(shares));
    }

    @Test
    void largestAmountsDoNotOverflow() {
        // (10^15 − 1) among two claims of 10^15 fen: the products reach 10^30, beyond a long.
        // Each exact share is 499,999,999,999,999.5 fen: floors 499,999,999,999,999 each, and
        // the one fen left goes to the first claim.
        long max = Limits.AMOUNT_MINOR_MAX;
        List<Share> shares = ProRata.allocate(Money.ofMinor(CNY, max - 1), List.of(
                new Claim("A", Money.ofMinor(CNY, max), Rank.ORDINARY),
                new Claim("B", Money.ofMinor(CNY, max), Rank.ORDINARY)));
        assertEquals(max / 2, shares.get(0).allocated().getAmountMinorLong());
        assertEquals(max / 2 - 1, shares.get(1).allocated().getAmountMinorLong());
    }

    @Test
    void sharesAreImmutable() {
        List<Share> shares = ProRata.allocate(cny("1.00"),
                List.of(claim("A", "1.00", Rank.ORDINARY)));
        assertThrows(UnsupportedOperationException.class, () -> shares.remove(0));
    }

    // ---------------------------------------------------------------- refusals

    private static void assertRefused(ErrorCode code, String field, String value,
            Money total, List<Claim> claims) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ProRata.allocate(total, claims));
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(field, e.field().orElseThrow(), e.getMessage());
        assertEquals(value, e.value().orElse(null), e.getMessage());
        // surplus validates exactly as allocate does.
        InvalidInputException again = assertThrows(InvalidInputException.class,
                () -> ProRata.surplus(total, claims));
        assertEquals(e.getMessage(), again.getMessage());
    }

    private static final List<Claim> ONE_CLAIM = List.of(claim("A", "10.00", Rank.ORDINARY));

    @Test
    void refusesMissingZeroOrNegativeTotal() {
        assertRefused(ErrorCode.MISSING_VALUE, "amount", null, null, ONE_CLAIM);
        assertRefused(ErrorCode.INVALID_AMOUNT, "amount", "CNY 0.00", cny("0.00"), ONE_CLAIM);
        assertRefused(ErrorCode.INVALID_AMOUNT, "amount", "CNY -1.00", cny("-1.00"), ONE_CLAIM);
    }

    @Test
    void refusesMissingOrEmptyClaims() {
        assertRefused(ErrorCode.MISSING_VALUE, "claims", null, cny("1.00"), null);
        assertRefused(ErrorCode.MISSING_VALUE, "claims", "0 entries", cny("1.00"), List.of());
    }

    @Test
    void refusesMoreThanTheMaximumNumberOfClaims() {
        List<Claim> claims = new ArrayList<>();
        for (int i = 0; i < Limits.DISTRIBUTION_CLAIMS_MAX; i++) {
            claims.add(claim("creditor-" + i, "1.00", Rank.ORDINARY));
        }
        // The maximum itself is accepted: 10.00 among 1,000 claims of 1.00 is one fen each.
        List<Share> shares = ProRata.allocate(cny("10.00"), claims);
        assertTrue(shares.stream().allMatch(s -> s.allocated().equals(cny("0.01"))));
        claims.add(claim("one-too-many", "1.00", Rank.ORDINARY));
        assertRefused(ErrorCode.LIMIT_EXCEEDED, "claims", "1001 entries", cny("10.00"), claims);
    }

    @Test
    void refusesMissingClaimOrRank() {
        List<Claim> claims = new ArrayList<>(ONE_CLAIM);
        claims.add(null);
        assertRefused(ErrorCode.MISSING_VALUE, "claims[1]", null, cny("1.00"), claims);
        assertRefused(ErrorCode.MISSING_VALUE, "claims[0].rank", null, cny("1.00"),
                List.of(new Claim("A", cny("1.00"), null)));
    }

    @Test
    void refusesBlankCreditor() {
        assertRefused(ErrorCode.MISSING_VALUE, "claims[1].creditor", "  ", cny("1.00"),
                List.of(claim("A", "1.00", Rank.ORDINARY), claim("  ", "1.00", Rank.ORDINARY)));
        assertRefused(ErrorCode.MISSING_VALUE, "claims[0].creditor", null, cny("1.00"),
                List.of(claim(null, "1.00", Rank.ORDINARY)));
    }

    @Test
    void refusesDuplicateCreditor() {
        // Names are compared without surrounding white space.
        assertRefused(ErrorCode.INVALID_VALUE, "claims[2].creditor", " A ", cny("1.00"),
                List.of(claim("A", "1.00", Rank.PRIORITY),
                        claim("B", "1.00", Rank.ORDINARY),
                        claim(" A ", "1.00", Rank.ORDINARY)));
    }

    @Test
    void refusesMissingZeroOrNegativeClaim() {
        assertRefused(ErrorCode.MISSING_VALUE, "claims[0].claimed", null, cny("1.00"),
                List.of(new Claim("A", null, Rank.ORDINARY)));
        assertRefused(ErrorCode.INVALID_AMOUNT, "claims[1].claimed", "CNY 0.00", cny("1.00"),
                List.of(claim("A", "1.00", Rank.ORDINARY), claim("B", "0.00", Rank.ORDINARY)));
        assertRefused(ErrorCode.INVALID_AMOUNT, "claims[0].claimed", "CNY -5.00", cny("1.00"),
                List.of(claim("A", "-5.00", Rank.ORDINARY)));
    }

    @Test
    void refusesClaimInAnotherCurrency() {
        assertRefused(ErrorCode.CURRENCY_MISMATCH, "claims[1].claimed", "USD 10.00", cny("1.00"),
                List.of(claim("A", "1.00", Rank.ORDINARY),
                        new Claim("B", Money.ofMajor(CurrencyUnit.USD, 10), Rank.ORDINARY)));
    }

    // ---------------------------------------------------------------- properties

    /** A generated distribution: the money and the claims on it, with unique creditors. */
    record Distribution(Money total, List<Claim> claims) {
    }

    /** Claimed amounts in fen: tiny ones (so ties are common), ordinary ones, huge ones. */
    private static Gen<Long> claimedMinor() {
        Gen<Long> ordinary = SourceDSL.longs().between(1, 100_000_000L);
        Gen<Long> huge = SourceDSL.longs().between(1, Limits.AMOUNT_MINOR_MAX);
        return tinyClaimedMinor().mix(ordinary, 50).mix(huge, 20);
    }

    /**
     * A few fen: in a distribution of such claims, equal remainders of unequal claims, and so the
     * tie-breaks, are common.
     */
    private static Gen<Long> tinyClaimedMinor() {
        return SourceDSL.longs().between(1, 12);
    }

    private static Gen<List<Claim>> claims(Gen<Long> claimedMinor) {
        Gen<Claim> unnamed = claimedMinor.zip(Generate.enumValues(Rank.class),
                (minor, rank) -> new Claim("", Money.ofMinor(CNY, minor), rank));
        return SourceDSL.lists().of(unnamed).ofSizeBetween(1, 12).map(list -> {
            List<Claim> named = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Claim c = list.get(i);
                named.add(new Claim("creditor-" + i, c.claimed(), c.rank()));
            }
            return named;
        });
    }

    /**
     * Totals for the given claims: anywhere up to twice their sum, or at the edges where the money
     * runs out (one fen, each rank's running total and one fen either side of it), or where it
     * pays a simple fraction of a rank (1/4, 1/3, 1/2, 2/3, 3/4), where remainders often tie.
     */
    private static Gen<Long> totalMinor(List<Claim> claims) {
        long paidMinor = 0;
        List<Long> edges = new ArrayList<>(List.of(1L));
        for (Rank rank : Rank.values()) {
            long rankMinor = 0;
            for (Claim c : claims) {
                if (c.rank() == rank) {
                    rankMinor += c.claimed().getAmountMinorLong();
                }
            }
            for (long[] fraction : new long[][] {{1, 4}, {1, 3}, {1, 2}, {2, 3}, {3, 4}}) {
                edges.add(paidMinor + rankMinor / fraction[1] * fraction[0]);
            }
            paidMinor += rankMinor;
            for (long edge = paidMinor - 1; edge <= paidMinor + 1; edge++) {
                edges.add(edge);
            }
        }
        edges.removeIf(edge -> edge < 1 || edge > Limits.AMOUNT_MINOR_MAX);
        long upperMinor = Math.min(Limits.AMOUNT_MINOR_MAX, 2 * paidMinor);
        return SourceDSL.longs().between(1, upperMinor).mix(Generate.pick(edges), 50);
    }

    /**
     * Distributions of every shape, a quarter of them of a single rank of tiny claims paid a
     * simple fraction: there unequal claims often have equal remainders, and the tie-breaks
     * decide who gets the leftover cents.
     */
    private static Gen<Distribution> distributions() {
        Gen<Distribution> any = claims(claimedMinor()).mix(claims(tinyClaimedMinor()), 40)
                .flatMap(claims -> totalMinor(claims)
                        .map(total -> new Distribution(Money.ofMinor(CNY, total), claims)));
        return any.mix(tiedDistributions(), 25);
    }

    private static Gen<Distribution> tiedDistributions() {
        Gen<List<Claim>> claims = SourceDSL.lists().of(tinyClaimedMinor())
                .ofSizeBetween(2, 8).map(amounts -> {
                    List<Claim> named = new ArrayList<>();
                    for (int i = 0; i < amounts.size(); i++) {
                        named.add(new Claim("creditor-" + i, Money.ofMinor(CNY, amounts.get(i)),
                                Rank.ORDINARY));
                    }
                    return named;
                });
        return claims.zip(SourceDSL.integers().between(2, 6), SourceDSL.integers().between(1, 5),
                (list, denominator, numerator) -> {
                    long totalMinor = claimedSumMinor(list)
                            * Math.min(numerator, denominator - 1) / denominator;
                    return new Distribution(Money.ofMinor(CNY, Math.max(1, totalMinor)), list);
                });
    }

    private static long claimedSumMinor(List<Claim> claims) {
        return claims.stream().mapToLong(c -> c.claimed().getAmountMinorLong()).sum();
    }

    @Test
    void sharesAddUpToTheSmallerOfTotalAndClaims() {
        qt().withExamples(EXAMPLES).forAll(distributions()).checkAssert(d -> {
            List<Share> shares = ProRata.allocate(d.total(), d.claims());
            long allocatedMinor = shares.stream()
                    .mapToLong(s -> s.allocated().getAmountMinorLong()).sum();
            long totalMinor = d.total().getAmountMinorLong();
            long claimedMinor = claimedSumMinor(d.claims());
            assertEquals(Math.min(totalMinor, claimedMinor), allocatedMinor);
            assertEquals(Math.max(0, totalMinor - claimedMinor),
                    ProRata.surplus(d.total(), d.claims()).getAmountMinorLong());
        });
    }

    @Test
    void sharesFollowTheClaimsAndNeverExceedThem() {
        qt().withExamples(EXAMPLES).forAll(distributions()).checkAssert(d -> {
            List<Share> shares = ProRata.allocate(d.total(), d.claims());
            assertEquals(d.claims().size(), shares.size());
            for (int i = 0; i < shares.size(); i++) {
                Share share = shares.get(i);
                Claim claim = d.claims().get(i);
                assertEquals(claim.creditor(), share.creditor());
                assertEquals(claim.claimed(), share.claimed());
                assertEquals(claim.rank(), share.rank());
                assertEquals(CNY, share.allocated().getCurrencyUnit());
                assertTrue(!share.allocated().isNegative(), share.toString());
                assertTrue(!share.allocated().isGreaterThan(share.claimed()), share.toString());
            }
        });
    }

    @Test
    void aLowerRankIsPaidOnlyWhenEveryHigherRankIsPaidInFull() {
        qt().withExamples(EXAMPLES).forAll(distributions()).checkAssert(d -> {
            List<Share> shares = ProRata.allocate(d.total(), d.claims());
            for (Share lower : shares) {
                if (lower.allocated().isZero()) {
                    continue;
                }
                for (Share higher : shares) {
                    if (higher.rank().compareTo(lower.rank()) < 0) {
                        assertTrue(higher.isPaidInFull(), higher + " unpaid, yet " + lower);
                    }
                }
            }
        });
    }

    @Test
    void withinAnUnpaidRankEveryShareIsWithinOneCentOfItsExactProportion() {
        qt().withExamples(EXAMPLES).forAll(distributions()).checkAssert(d -> {
            List<Share> shares = ProRata.allocate(d.total(), d.claims());
            for (Rank rank : Rank.values()) {
                List<Share> members = ofRank(shares, rank);
                if (members.stream().allMatch(Share::isPaidInFull)) {
                    continue;
                }
                // The rank that is not paid in full took all the money that was left.
                BigInteger left = BigInteger.valueOf(sumAllocatedMinor(members));
                BigInteger rankTotal = BigInteger.valueOf(sumClaimedMinor(members));
                for (Share share : members) {
                    // |allocated − left × claimed / rankTotal| < 1, multiplied by rankTotal.
                    BigInteger deviation = BigInteger.valueOf(minor(share.allocated()))
                            .multiply(rankTotal)
                            .subtract(left.multiply(BigInteger.valueOf(minor(share.claimed()))));
                    assertTrue(deviation.abs().compareTo(rankTotal) < 0, share.toString());
                }
                // Hence, too, a larger claim never gets less, and equal claims differ by at most
                // one cent.
                for (Share a : members) {
                    for (Share b : members) {
                        if (a.claimed().isGreaterThan(b.claimed())) {
                            assertTrue(!a.allocated().isLessThan(b.allocated()), a + " < " + b);
                        } else if (a.claimed().isEqual(b.claimed())) {
                            long difference = minor(a.allocated()) - minor(b.allocated());
                            assertTrue(Math.abs(difference) <= 1, a + " vs " + b);
                        }
                    }
                }
            }
        });
    }

    @Test
    void leftoverCentsGoToLargestRemaindersThenLargerClaimsThenEarlierClaims() {
        qt().withExamples(EXAMPLES).forAll(distributions()).checkAssert(d -> {
            List<Share> shares = ProRata.allocate(d.total(), d.claims());
            for (Rank rank : Rank.values()) {
                List<Integer> members = new ArrayList<>();
                for (int i = 0; i < shares.size(); i++) {
                    if (shares.get(i).rank() == rank) {
                        members.add(i);
                    }
                }
                List<Share> rankShares = ofRank(shares, rank);
                if (rankShares.stream().allMatch(Share::isPaidInFull)) {
                    continue;
                }
                BigInteger left = BigInteger.valueOf(sumAllocatedMinor(rankShares));
                BigInteger rankTotal = BigInteger.valueOf(sumClaimedMinor(rankShares));
                Map<Integer, BigInteger> remainders = new HashMap<>();
                List<Integer> roundedUp = new ArrayList<>();
                for (int index : members) {
                    Share share = shares.get(index);
                    BigInteger[] qr = left.multiply(BigInteger.valueOf(minor(share.claimed())))
                            .divideAndRemainder(rankTotal);
                    long up = minor(share.allocated()) - qr[0].longValueExact();
                    assertTrue(up == 0 || up == 1, share + " is not floor or floor + 1");
                    remainders.put(index, qr[1]);
                    if (up == 1) {
                        roundedUp.add(index);
                    }
                }
                for (int up : roundedUp) {
                    for (int index : members) {
                        if (!roundedUp.contains(index)) {
                            assertTrue(comesFirst(up, index, remainders, shares),
                                    shares.get(up) + " rounded up before " + shares.get(index));
                        }
                    }
                }
            }
        });
    }

    /** Whether claim {@code a} precedes claim {@code b} in the documented leftover order. */
    private static boolean comesFirst(int a, int b, Map<Integer, BigInteger> remainders,
            List<Share> shares) {
        int byRemainder = remainders.get(a).compareTo(remainders.get(b));
        if (byRemainder != 0) {
            return byRemainder > 0;
        }
        int byClaim = shares.get(a).claimed().compareTo(shares.get(b).claimed());
        if (byClaim != 0) {
            return byClaim > 0;
        }
        return a < b;
    }

    @Test
    void sameInputSameOutput() {
        qt().withExamples(EXAMPLES).forAll(distributions()).checkAssert(d -> {
            List<Share> first = ProRata.allocate(d.total(), d.claims());
            List<Share> second = ProRata.allocate(d.total(), new ArrayList<>(d.claims()));
            assertEquals(first, second);
        });
    }

    /**
     * Shuffling the claims shuffles the shares with them: every creditor gets the same amount,
     * except among claims of equal rank and equal amount, where the leftover cents follow input
     * position. For those, the amounts the group gets are the same, and the earlier claims of
     * the group get the larger ones.
     */
    @Test
    void shufflingTheClaimsOnlyShufflesTheShares() {
        qt().withExamples(EXAMPLES)
                .forAll(distributions(), SourceDSL.longs().all())
                .checkAssert((d, seed) -> {
                    List<Claim> shuffled = new ArrayList<>(d.claims());
                    Collections.shuffle(shuffled, new Random(seed));
                    List<Share> original = ProRata.allocate(d.total(), d.claims());
                    List<Share> permuted = ProRata.allocate(d.total(), shuffled);
                    for (int i = 0; i < permuted.size(); i++) {
                        assertEquals(shuffled.get(i).creditor(), permuted.get(i).creditor());
                    }
                    Map<String, List<Long>> before = allocatedByTie(original);
                    Map<String, List<Long>> after = allocatedByTie(permuted);
                    assertEquals(before, after);
                    for (List<Long> group : after.values()) {
                        for (int i = 0; i + 1 < group.size(); i++) {
                            assertTrue(group.get(i) >= group.get(i + 1), group.toString());
                        }
                    }
                });
    }

    /**
     * The allocated amounts, in input order, of each group of claims that the rules cannot tell
     * apart (same rank, same amount); a group of one is a single creditor's share.
     */
    private static Map<String, List<Long>> allocatedByTie(List<Share> shares) {
        Map<String, List<Long>> groups = new HashMap<>();
        for (Share share : shares) {
            String key = share.rank() + " " + share.claimed();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(minor(share.allocated()));
        }
        return groups;
    }

    private static List<Share> ofRank(List<Share> shares, Rank rank) {
        return shares.stream().filter(s -> s.rank() == rank).toList();
    }

    private static long sumAllocatedMinor(List<Share> shares) {
        return shares.stream().mapToLong(s -> minor(s.allocated())).sum();
    }

    private static long sumClaimedMinor(List<Share> shares) {
        return shares.stream().mapToLong(s -> minor(s.claimed())).sum();
    }

    private static long minor(Money amount) {
        return amount.getAmountMinorLong();
    }
}
