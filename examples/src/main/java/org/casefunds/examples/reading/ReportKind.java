package org.casefunds.examples.reading;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.casefunds.ledger.formats.tables.ReportTable;
import org.casefunds.ledger.formats.tables.ReportTables;
import org.casefunds.ledger.reports.CourtReports;
import org.casefunds.ledger.reports.DeferralWatch;
import org.casefunds.ledger.reports.HandlerFigures;
import org.casefunds.ledger.reports.LargeBalance;
import org.casefunds.ledger.reports.NoticeOverdue;
import org.casefunds.ledger.reports.OldBalance;
import org.casefunds.ledger.reports.PayoutTime;
import org.casefunds.ledger.reports.StaffReport;
import org.casefunds.ledger.reports.SubAccountUsage;
import org.casefunds.ledger.reports.UnidentifiedEntry;
import org.casefunds.ledger.reports.WeeklyReport;

/**
 * The court's reports by name, as the command line ({@code casefunds report NAME}), the web pages
 * ({@code /reports/NAME}), their spreadsheets and the JSON API ({@code /api/v1/reports/NAME}) know
 * them: what each computes, whether it covers a date or a period, whether it ends with the journal's
 * digest, and the tables it is laid out in.
 */
public enum ReportKind {
    /** The weekly fund report (案款周报), ending with the digest. */
    WEEKLY("weekly", true, true),
    /** The monthly report of cases holding at least the threshold (大额案款), ending with the digest. */
    LARGE_BALANCES("large-balances", false, true),
    /** Payout time and timeliness of the notices of a period. */
    PAYOUT_TIME("payout-time", true, false),
    /** Per handler: cases, received, noticed, paid, held, overdue, days to notice. */
    HANDLERS("handlers", true, false),
    /** Old balances (旧存案款). */
    OLD_BALANCES("old-balances", false, false),
    /** The one-case-one-account usage rate (一案一账号使用率). */
    USAGE("usage", true, false),
    /** Unidentified money still held (不明款). */
    UNIDENTIFIED("unidentified", false, false),
    /** Deferrals ending soon or ended without a lift. */
    DEFERRALS("deferrals", false, false),
    /** Notices finance has not had paid within its deadline. */
    DOCUMENTS("documents", false, false),
    /** Who held which role, and the register's changes. */
    STAFF("staff", false, false);

    private final String name;
    private final boolean period;
    private final boolean endsWithDigest;

    ReportKind(String name, boolean period, boolean endsWithDigest) {
        this.name = name;
        this.period = period;
        this.endsWithDigest = endsWithDigest;
    }

    /** The report's name in URLs and on the command line. */
    public String reportName() {
        return name;
    }

    /** Whether it covers a period (from, to), rather than one date. */
    public boolean period() {
        return period;
    }

    /** Whether it ends with the digest of the journal it was computed from. */
    public boolean endsWithDigest() {
        return endsWithDigest;
    }

    /** The report named {@code name}, if there is one. */
    public static Optional<ReportKind> named(String name) {
        for (ReportKind kind : values()) {
            if (kind.name.equals(name == null ? "" : name.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The names of all reports, for messages. */
    public static String names() {
        List<String> names = new ArrayList<>();
        for (ReportKind kind : values()) {
            names.add(kind.name);
        }
        return String.join(", ", names);
    }

    /** Computes the report for {@code request} (the date for a dated report; the period otherwise). */
    public Object compute(CourtReports reports, ReportRequest request) {
        switch (this) {
            case WEEKLY:
                return reports.weekly(request.from(), request.to(), request.currency());
            case LARGE_BALANCES:
                return reports.largeBalances(request.date());
            case PAYOUT_TIME:
                return reports.payoutTime(request.from(), request.to(), request.currency());
            case HANDLERS:
                return reports.handlers(request.from(), request.to(), request.currency());
            case OLD_BALANCES:
                return request.cutoff().map(cutoff -> reports.oldBalances(request.date(), cutoff))
                        .orElseGet(() -> reports.oldBalances(request.date()));
            case USAGE:
                return reports.subAccountUsage(request.from(), request.to(), request.currency());
            case UNIDENTIFIED:
                return reports.unidentified(request.date());
            case DEFERRALS:
                return reports.deferralWatch(request.date());
            case DOCUMENTS:
                return reports.noticesOverdueAtFinance(request.date());
            case STAFF:
                return reports.staff(request.date());
            default:
                throw new IllegalStateException("no computation for report " + name);
        }
    }

    /** The tables {@code result} (from {@link #compute}) is laid out in. */
    @SuppressWarnings("unchecked")
    public List<ReportTable> tables(ReportTables tables, ReportRequest request, Object result) {
        switch (this) {
            case WEEKLY: {
                WeeklyReport weekly = (WeeklyReport) result;
                return List.of(tables.weeklyFlows(weekly), tables.weeklyHeld(weekly), tables.handlers(weekly.handlers()));
            }
            case LARGE_BALANCES:
                return List.of(tables.largeBalances(request.date(), (List<LargeBalance>) result));
            case PAYOUT_TIME:
                return List.of(tables.payoutTime((PayoutTime) result));
            case HANDLERS:
                return List.of(tables.handlers((List<HandlerFigures>) result));
            case OLD_BALANCES:
                return List.of(tables.oldBalances(request.date(), (List<OldBalance>) result));
            case USAGE:
                return List.of(tables.usage((SubAccountUsage) result));
            case UNIDENTIFIED:
                return List.of(tables.unidentified(request.date(), (List<UnidentifiedEntry>) result));
            case DEFERRALS:
                return List.of(tables.deferrals(request.date(), (List<DeferralWatch>) result));
            case DOCUMENTS:
                return List.of(tables.noticesLateAtFinance(request.date(), (List<NoticeOverdue>) result));
            case STAFF:
                return List.of(tables.staffHoldings((StaffReport) result), tables.staffChanges((StaffReport) result));
            default:
                throw new IllegalStateException("no tables for report " + name);
        }
    }
}
