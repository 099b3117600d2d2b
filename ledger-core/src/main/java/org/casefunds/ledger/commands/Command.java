package org.casefunds.ledger.commands;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.casefunds.ledger.approvals.Actor;
import org.casefunds.ledger.approvals.Approval;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.Limits;
import org.casefunds.ledger.journal.CanonicalCodec;

/**
 * One request to the ledger with everything every request carries: its idempotency key, who asks,
 * the date it takes effect, who approved it, and free metadata from the court's system.
 *
 * <p>Sending the same command twice with the same key returns the first result and appends
 * nothing; a different command under a used key is refused.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param idempotencyKey unique in the journal: 1..128 printable characters, never null
 * @param actor who asks, never null
 * @param effectiveDate the date it takes effect (the bank value date for money), never null
 * @param approvals who approved it, never null, possibly empty
 * @param metadata free text fields, keys of letters, digits, {@code . _ -}; never null
 * @param request what is asked, never null
 */
public record Command(
        String idempotencyKey, Actor actor, LocalDate effectiveDate, List<Approval> approvals,
        Map<String, String> metadata, Request request) {

    /** The header line of a command's canonical text. */
    public static final String CANONICAL_HEADER = "casefunds-command v1";

    /** Checks every field. */
    public Command {
        idempotencyKey = Checks.requiredText(idempotencyKey, "idempotencyKey", Limits.IDEMPOTENCY_KEY_LENGTH_MAX);
        Checks.required(actor, "actor");
        Checks.required(effectiveDate, "effectiveDate");
        if (effectiveDate.getYear() < Limits.EFFECTIVE_YEAR_MIN || effectiveDate.getYear() > Limits.EFFECTIVE_YEAR_MAX) {
            throw new InvalidInputException(ErrorCode.INVALID_DATE, "effectiveDate", effectiveDate,
                    "is outside the years " + Limits.EFFECTIVE_YEAR_MIN + ".." + Limits.EFFECTIVE_YEAR_MAX + " a ledger holds");
        }
        Checks.required(request, "request");
        Checks.required(approvals, "approvals");
        Checks.size(approvals, "approvals", Limits.APPROVALS_MAX);
        approvals = List.copyOf(approvals);
        Checks.required(metadata, "metadata");
        Checks.size(metadata.keySet(), "metadata", Limits.METADATA_ENTRIES_MAX);
        TreeMap<String, String> copy = new TreeMap<>();
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            String key = Checks.required(entry.getKey(), "metadata key");
            if (!key.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new InvalidInputException(ErrorCode.INVALID_VALUE, "metadata", key,
                        "keys are 1..64 letters, digits, '.', '_' or '-'");
            }
            copy.put(key, Checks.requiredText(entry.getValue(), "metadata." + key, Limits.METADATA_VALUE_LENGTH_MAX));
        }
        metadata = Collections.unmodifiableSortedMap(copy);
    }

    /** A command without approvals or metadata. */
    public static Command of(String idempotencyKey, Actor actor, LocalDate effectiveDate, Request request) {
        return new Command(idempotencyKey, actor, effectiveDate, List.of(), Map.of(), request);
    }

    /** This command with {@code more} approvals added. */
    public Command approvedBy(Approval... more) {
        List<Approval> all = new ArrayList<>(approvals);
        all.addAll(Arrays.asList(more));
        return new Command(idempotencyKey, actor, effectiveDate, all, metadata, request);
    }

    /** This command with one more metadata entry. */
    public Command withMetadata(String key, String value) {
        TreeMap<String, String> all = new TreeMap<>(metadata);
        all.put(key, value);
        return new Command(idempotencyKey, actor, effectiveDate, approvals, all, request);
    }

    /** The SHA-256 of the command's canonical text: what tells a repeated command from another. */
    public String digest() {
        return CanonicalCodec.sha256(CanonicalCodec.encode(CANONICAL_HEADER, this));
    }
}
