package org.casefunds.examples.reading;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.clock.RulesInForce;
import org.casefunds.ledger.digest.JournalDigest;
import org.casefunds.ledger.digest.JournalTree;
import org.casefunds.ledger.reports.CaseLotStatus;
import org.casefunds.ledger.reports.CourtReports;
import org.casefunds.ledger.reports.DoubleZero;
import org.casefunds.ledger.reports.DoubleZeroWithList;
import org.casefunds.ledger.sql.SqlLedger;

/**
 * What the command line's {@code --json} and the web's JSON API print, made in one place so that
 * both give the same figures in the same shape: double zero as {@code {doubleZero, list}}; a report
 * as {@code {report, rules, digest?, snapshot: {sequence}}}.
 */
public final class Readings {
    private Readings() {
    }

    /**
     * Double zero on {@code date} and its three-colour list.
     *
     * @param doubleZero the figures
     * @param list the three-colour list
     */
    public record DoubleZeroReading(DoubleZero doubleZero, List<CaseLotStatus> list) {
        /** Copies the list. */
        public DoubleZeroReading {
            list = List.copyOf(list);
        }

        /** The JSON shape: {@code {"doubleZero": ..., "list": [...]}}. */
        public Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("doubleZero", doubleZero);
            json.put("list", list);
            return json;
        }
    }

    /** Double zero on {@code date} and its three-colour list, from {@code reports}, in one pass. */
    public static DoubleZeroReading doubleZero(CourtReports reports, LocalDate date) {
        DoubleZeroWithList both = reports.doubleZeroWithList(date);
        return new DoubleZeroReading(both.doubleZero(), both.dailyList());
    }

    /**
     * A report as it was computed: the result, the rules it was computed under, the digest of the
     * journal for the reports that end with one, and the last event of the snapshot it read.
     *
     * @param kind the report
     * @param request what it was asked for
     * @param report the result of {@link ReportKind#compute}
     * @param rules the policy and calendar it was computed under
     * @param digest the journal's digest, for the reports that end with one
     * @param snapshot the last event of the snapshot the report read
     */
    public record ReportReading(ReportKind kind, ReportRequest request, Object report, RulesInForce.Description rules,
            Optional<JournalDigest> digest, long snapshot) {

        /** The JSON shape: {@code {"report", "rules", "digest"?, "snapshot": {"sequence"}}}. */
        public Map<String, Object> json() {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("report", report);
            shown.put("rules", rules);
            digest.ifPresent(each -> shown.put("digest", each));
            shown.put("snapshot", Map.of("sequence", snapshot));
            return shown;
        }
    }

    /**
     * Computes report {@code kind} for {@code request} over {@code opened}, read in one snapshot,
     * with {@code reports} made from it.
     */
    public static ReportReading report(Ledger opened, CourtReports reports, ReportKind kind, ReportRequest request) {
        long snapshot = snapshotSequence(opened);
        Object result = kind.compute(reports, request);
        LocalDate date = request.date();
        RulesInForce.Description rules = reports.rulesOn(date).describe(date,
                new TreeSet<>(Set.of(date.getYear(), date.getYear() + 1)));
        Optional<JournalDigest> digest = kind.endsWithDigest()
                ? Optional.of(JournalTree.fromStoredHashes(opened.store()).digest(Clock.systemUTC().instant()))
                : Optional.empty();
        return new ReportReading(kind, request, result, rules, digest, snapshot);
    }

    /** The last event of the snapshot {@code opened} reads (its last event when it reads no snapshot). */
    public static long snapshotSequence(Ledger opened) {
        return SqlLedger.store(opened).snapshotSequence().orElse(opened.view().lastSequence());
    }
}
