package org.casefunds.ledger.formats;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Which known name a mistyped one was meant to be, for "did you mean" in refusals: the closest by
 * edit distance (insertions, deletions, substitutions and swaps of two neighbouring letters, case
 * and {@code _}/{@code -} ignored), if it is close enough to be a typo rather than another word.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class FieldNames {
    /** A longer name is no typo of a field's: no suggestion is looked for. */
    private static final int NAME_LENGTH_MAX = 64;

    private FieldNames() {
    }

    /**
     * The name among {@code known} that {@code written} most likely means, or empty when none is
     * close: at most 1 edit for names of up to 4 letters, 2 up to 8, 3 beyond. Ties go to the name
     * first in alphabetical order.
     */
    public static Optional<String> closest(String written, Collection<String> known) {
        String typed = normalised(written);
        if (typed.length() > NAME_LENGTH_MAX) {
            return Optional.empty();
        }
        int allowed = typed.length() <= 4 ? 1 : typed.length() <= 8 ? 2 : 3;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            if (candidate.equals(written)) {
                continue;
            }
            int distance = distance(typed, normalised(candidate));
            if (distance <= allowed && (distance < bestDistance || distance == bestDistance
                    && candidate.compareTo(best) < 0)) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    private static String normalised(String name) {
        return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    /**
     * The edit distance of {@code a} and {@code b}: the fewest insertions, deletions, substitutions
     * and swaps of two neighbouring characters that turn one into the other (the optimal string
     * alignment distance).
     */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
