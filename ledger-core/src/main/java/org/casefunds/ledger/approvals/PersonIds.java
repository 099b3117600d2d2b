package org.casefunds.ledger.approvals;

import java.text.Normalizer;
import java.util.Locale;

/**
 * How the ledger compares people's user ids: after Unicode compatibility normalisation (NFKC: a
 * full-width {@code ｊｕｄｇｅ} is {@code judge}), without surrounding spaces and in lower case, so
 * that {@code JUDGE.QIAN} and {@code judge.qian} are one person. Ids are recorded as written;
 * only comparisons use the normal form.
 */
public final class PersonIds {
    private PersonIds() {
    }

    /** The normal form of {@code id}, the one every comparison uses. */
    public static String normalised(String id) {
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) >= 0x80) {
                return Normalizer.normalize(id, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
            }
        }
        // NFKC leaves ASCII as it is: the common id needs only trimming and lower case.
        return id.strip().toLowerCase(Locale.ROOT);
    }

    /** Whether {@code a} and {@code b} name the same person. */
    public static boolean same(String a, String b) {
        return normalised(a).equals(normalised(b));
    }
}
