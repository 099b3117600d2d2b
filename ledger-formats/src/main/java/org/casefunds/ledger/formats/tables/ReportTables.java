package org.casefunds.ledger.formats.tables;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.casefunds.ledger.clock.LotStatus;
import org.casefunds.ledger.clock.RulesInForce;
import org.casefunds.ledger.digest.JournalDigest;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.reports.CaseLotStatus;
import org.casefunds.ledger.reports.DeferralWatch;
import org.casefunds.ledger.reports.DoubleZero;
import org.casefunds.ledger.reports.Flow;
import org.casefunds.ledger.reports.HandlerFigures;
import org.casefunds.ledger.reports.LargeBalance;
import org.casefunds.ledger.reports.NoticeOverdue;
import org.casefunds.ledger.reports.OldBalance;
import org.casefunds.ledger.reports.PayoutTime;
import org.casefunds.ledger.reports.StaffReport;
import org.casefunds.ledger.reports.SubAccountUsage;
import org.casefunds.ledger.reports.UnidentifiedEntry;
import org.casefunds.ledger.reports.WeeklyReport;
import org.casefunds.ledger.staff.StaffChange;
import org.casefunds.ledger.state.DisbursementRecord;
import org.casefunds.ledger.unidentified.Suggestion;

/**
 * Every report of {@link org.casefunds.ledger.reports.CourtReports} laid out as a {@link ReportTable}
 * in one language: the one place that decides which columns a report has, in which order, under which
 * headings. The terminal tables, the spreadsheets and the web pages all come from here.
 */
public final class ReportTables {
    private final Labels labels;

    private ReportTables(Labels labels) {
        this.labels = labels;
    }

    /** The tables in {@code language}. */
    public static ReportTables in(Language language) {
        return new ReportTables(Labels.of(language));
    }

    /** The words the tables use. */
    public Labels labels() {
        return labels;
    }

    private Column text(String key) {
        return new Column(labels.text("column." + key), Column.Kind.TEXT);
    }

    private Column amount(String key) {
        return new Column(labels.text("column." + key), Column.Kind.AMOUNT);
    }

    private Column count(String key) {
        return new Column(labels.text("column." + key), Column.Kind.COUNT);
    }

    private Column date(String key) {
        return new Column(labels.text("column." + key), Column.Kind.DATE);
    }

    private Column decimal(String key) {
        return new Column(labels.text("column." + key), Column.Kind.DECIMAL);
    }

    private Column caseColumn() {
        return new Column(labels.text("column.case"), Column.Kind.CASE);
    }

    private ReportTable table(String name, String title, List<Column> columns, List<Row> rows) {
        return new ReportTable(name, title, columns, rows, labels.text("empty." + name));
    }

    private static Long count(long value) {
        return value;
    }

    private static BigDecimal orNull(Optional<BigDecimal> value) {
        return value.orElse(null);
    }

    /**
     * The lines that end the weekly and monthly reports: the digest of the journal they were computed
     * from, so that a report on paper pins the journal it came from.
     */
    public List<String> digestLines(JournalDigest digest) {
        return List.of(labels.text("digest.line", digest.court(), String.valueOf(digest.sequence()),
                        digest.madeAt().toString()),
                labels.text("digest.head", digest.headHash()),
                labels.text("digest.root", digest.merkleRoot()),
                labels.text("digest.keep"));
    }

    /** The lines that say which policy and calendar a report was computed under, and what is provisional. */
    public List<String> rulesLines(RulesInForce.Description rules) {
        List<String> lines = new ArrayList<>();
        lines.add(labels.text("rules.policy", rules.policySource()));
        lines.add(labels.text("rules.calendar", String.join("; ", rules.calendarSources())));
        if (!rules.provisionalYears().isEmpty()) {
            lines.add(labels.text("rules.provisional", rules.howToAdopt()));
        }
        return lines;
    }

    /** The headline of double zero: the date and the strict and lenient verdicts. */
    public String doubleZeroVerdict(DoubleZero doubleZero) {
        return labels.text("double-zero.verdict", doubleZero.date().toString(), labels.yesNo(doubleZero.strict()),
                labels.yesNo(doubleZero.lenient()));
    }

    /** Double zero's figures, one row per currency. */
    public ReportTable doubleZero(DoubleZero doubleZero) {
        List<Row> rows = new ArrayList<>();
        for (DoubleZero.Figures each : doubleZero.currencies()) {
            rows.add(Row.of(each.currency().getCode(), each.overdueAmount(), count(each.overdueLots()),
                    count(each.overdueCases()), each.overdueProvisionalAmount(), count(each.financeOverdueNotices()),
                    each.financeOverdueAmount(), each.unidentifiedAmount(), count(each.unidentifiedReceipts()),
                    each.unidentifiedPastDeadlineAmount()));
        }
        return table("double-zero", labels.text("title.double-zero", doubleZero.date().toString()),
                List.of(text("currency"), amount("overdue-unnoticed"), count("overdue-lots"), count("overdue-cases"),
                        amount("overdue-provisional"), count("notices-late-at-finance"),
                        amount("notices-late-amount"), amount("unidentified"), count("unidentified-receipts"),
                        amount("past-claiming-deadline")),
                rows);
    }

    /** The three-colour list (三色预警): red overdue, yellow near the deadline, green newly arrived. */
    public ReportTable threeColourList(java.time.LocalDate date, List<CaseLotStatus> list) {
        List<Row> rows = new ArrayList<>();
        for (CaseLotStatus line : list) {
            LotStatus status = line.status();
            rows.add(Row.of(labels.name(status.colour()), line.caseNumber().toString(), line.handler(),
                    status.amount(), status.lot().arrivalDate(), status.deadline(), count(status.daysLeft()),
                    status.provisional() ? labels.text("word.provisional") : "").marked(tone(status.colour())));
        }
        return table("three-colour-list", labels.text("title.three-colour-list", date.toString()),
                List.of(text("flag"), caseColumn(), text("handler"), amount("amount"), date("arrived"),
                        date("deadline"), count("working-days-left"), text("note")),
                rows);
    }

    /** The tone that marks a lot of {@code colour}. */
    public static Tone tone(LotStatus.Colour colour) {
        switch (colour) {
            case RED:
                return Tone.RED;
            case YELLOW:
                return Tone.YELLOW;
            case GREEN:
                return Tone.GREEN;
            default:
                return Tone.PLAIN;
        }
    }

    /** One case's lots on a date: what arrived when, what is left, its deadline and state. */
    public ReportTable caseLots(String caseNumber, java.time.LocalDate date, List<CaseLotStatus> lots) {
        List<Row> rows = new ArrayList<>();
        for (CaseLotStatus line : lots) {
            LotStatus status = line.status();
            rows.add(Row.of(status.lot().id().toString(), labels.name(status.lot().origin()),
                    status.lot().arrivalDate(), status.lot().amount(), status.amount(), status.deadline(),
                    count(status.daysLeft()), labels.name(status.state()), status.deferral().orElse(""),
                    status.provisional() ? labels.text("word.provisional") : "").marked(tone(status.colour())));
        }
        return table("case-lots", labels.text("title.case-lots", caseNumber, date.toString()),
                List.of(text("lot"), text("origin"), date("arrived"), amount("arrived-amount"), amount("unnoticed"),
                        date("deadline"), count("working-days-left"), text("state"), text("deferral"),
                        text("note")),
                rows);
    }

    /** The events of one case, with each event's hash: the case's history as the journal holds it. */
    public ReportTable caseHistory(String caseNumber, List<Event> events) {
        List<Row> rows = new ArrayList<>();
        for (Event event : events) {
            rows.add(Row.of(count(event.sequence()), event.effectiveDate(), labels.name(event.kind()),
                    event.actor().id(), event.hash()));
        }
        return table("case-history", labels.text("title.case-history", caseNumber),
                List.of(count("event"), date("effective"), text("event-kind"), text("by"), text("hash")), rows);
    }

    /** The disbursements of one case: notices, refunds, deposits, with their state. */
    public ReportTable caseDisbursements(String caseNumber, List<DisbursementRecord> disbursements) {
        List<Row> rows = new ArrayList<>();
        for (DisbursementRecord each : disbursements) {
            rows.add(Row.of(each.id(), labels.name(each.kind()), each.payee().holder(), each.amount(), each.issuedOn(),
                    labels.name(each.status()), each.finishedOn().orElse(null), each.bankReference().orElse("")));
        }
        return table("case-disbursements", labels.text("title.case-disbursements", caseNumber),
                List.of(text("notice"), text("kind"), text("payee"), amount("amount"), date("issued"),
                        text("status"), date("finished"), text("bank-reference")),
                rows);
    }

    /** The weekly fund report's movements of the week. */
    public ReportTable weeklyFlows(WeeklyReport weekly) {
        List<Row> rows = new ArrayList<>();
        flow(rows, "movement.received", weekly.received());
        flow(rows, "movement.claimed", weekly.claimed());
        flow(rows, "movement.noticed", weekly.noticed());
        flow(rows, "movement.paid", weekly.paid());
        flow(rows, "movement.returned", weekly.returned());
        flow(rows, "movement.refunded-unidentified", weekly.refundedUnidentified());
        return table("weekly", labels.text("title.weekly", weekly.from().toString(), weekly.to().toString(),
                weekly.currency().getCode()), List.of(text("movement"), count("count"), amount("amount")), rows);
    }

    private void flow(List<Row> rows, String key, Flow flow) {
        rows.add(Row.of(labels.text(key), count(flow.count()), flow.amount()));
    }

    /** What the court holds at the end of the weekly report's week. */
    public ReportTable weeklyHeld(WeeklyReport weekly) {
        return table("weekly-held", labels.text("title.weekly-held", weekly.to().toString()),
                List.of(amount("held-on-cases"), count("cases-holding"), amount("held-unidentified"),
                        amount("held-in-transit")),
                List.of(Row.of(weekly.heldOnCases(), count(weekly.casesHolding()), weekly.heldUnidentified(),
                        weekly.heldInTransit())));
    }

    /** Per handler: cases, received, noticed, paid, held, overdue, days from arrival to notice. */
    public ReportTable handlers(List<HandlerFigures> figures) {
        List<Row> rows = new ArrayList<>();
        for (HandlerFigures each : figures) {
            rows.add(Row.of(each.handler(), count(each.cases()), each.received().amount(), each.noticed().amount(),
                    each.paid().amount(), each.held(), each.overdue(), orNull(each.averageDaysToNotice())));
        }
        return table("handlers", labels.text("title.handlers"),
                List.of(text("handler"), count("cases"), amount("received"), amount("noticed"), amount("paid"),
                        amount("held"), amount("overdue"), decimal("days-to-notice")),
                rows);
    }

    /** The monthly report of cases holding at least the threshold, and why each is not paid. */
    public ReportTable largeBalances(java.time.LocalDate date, List<LargeBalance> balances) {
        List<Row> rows = new ArrayList<>();
        for (LargeBalance each : balances) {
            rows.add(Row.of(each.caseNumber().toString(), each.handler(), each.unnoticed(), each.inTransit(),
                    each.total(), labels.name(each.reason()), each.explanation()));
        }
        return table("large-balances", labels.text("title.large-balances", date.toString()),
                List.of(caseColumn(), text("handler"), amount("unnoticed"), amount("in-transit"), amount("total"),
                        text("reason"), text("why-not-paid")),
                rows);
    }

    /** Payout time and timeliness of the notices of a period, as one row of figures. */
    public ReportTable payoutTime(PayoutTime time) {
        return table("payout-time", labels.text("title.payout-time", time.from().toString(), time.to().toString(),
                time.currency().getCode()),
                List.of(count("pieces-noticed"), amount("noticed"), decimal("days-to-notice"),
                        decimal("days-to-notice-by-amount"), count("pieces-paid"), decimal("days-to-bank"),
                        decimal("days-to-bank-by-amount"), count("pieces-timely"), decimal("timeliness-rate"),
                        decimal("timeliness-rate-by-amount")),
                List.of(Row.of(count(time.pieces()), time.noticed(), orNull(time.averageDaysToNotice()),
                        orNull(time.weightedDaysToNotice()), count(time.paidPieces()), orNull(time.averageDaysToBank()),
                        orNull(time.weightedDaysToBank()), count(time.timelyPieces()), orNull(time.timelinessRate()),
                        orNull(time.timelinessRateByAmount()))));
    }

    /** Old balances (旧存案款): money that arrived by a cut-off and is still held. */
    public ReportTable oldBalances(java.time.LocalDate date, List<OldBalance> balances) {
        List<Row> rows = new ArrayList<>();
        for (OldBalance each : balances) {
            rows.add(Row.of(each.account().toString(), each.handler().orElse(""), each.arrivalDate(),
                    each.remaining(), count(each.daysHeld()), each.inTransit().orElse("")));
        }
        return table("old-balances", labels.text("title.old-balances", date.toString()),
                List.of(text("account"), text("handler"), date("arrived"), amount("amount"), count("days-held"),
                        text("in-transit-on")),
                rows);
    }

    /** Unidentified money still held, with its age and claiming deadline. */
    public ReportTable unidentified(java.time.LocalDate date, List<UnidentifiedEntry> entries) {
        return unidentified(date, entries, Map.of());
    }

    /**
     * Unidentified money still held, with the cases screening suggests for each receipt and why
     * ({@code suggestions} by receipt key; a receipt without any gets an empty cell).
     */
    public ReportTable unidentified(java.time.LocalDate date, List<UnidentifiedEntry> entries,
            Map<String, List<Suggestion>> suggestions) {
        List<Row> rows = new ArrayList<>();
        for (UnidentifiedEntry each : entries) {
            Row row = Row.of(each.receipt(), each.bankReference(), each.arrivalDate(), each.remaining(),
                    each.payer().name().orElse(""), each.memo().orElse(""), count(each.ageDays()),
                    each.claimingDeadline(), each.pastDeadline() ? labels.text("word.yes") : "",
                    suggestionText(suggestions.getOrDefault(each.receipt(), List.of())));
            rows.add(each.pastDeadline() ? row.marked(Tone.RED) : row);
        }
        return table("unidentified", labels.text("title.unidentified", date.toString()),
                List.of(text("receipt"), text("bank-reference"), date("arrived"), amount("amount"), text("payer"),
                        text("memo"), count("days-old"), date("claim-by"), text("past-it"), text("suggestions")),
                rows);
    }

    /** The suggested cases in words: each case, its score and its reasons. */
    public String suggestionText(List<Suggestion> suggestions) {
        return suggestions.stream()
                .map(each -> labels.text("suggestion", each.caseNumber().toString(), each.score(),
                        each.reasons().stream().map(labels::name).collect(Collectors.joining(labels.text("word.and")))))
                .collect(Collectors.joining("; "));
    }

    /** Deferrals ending soon, and deferrals that ended without a lift. */
    public ReportTable deferrals(java.time.LocalDate date, List<DeferralWatch> watch) {
        List<Row> rows = new ArrayList<>();
        for (DeferralWatch each : watch) {
            rows.add(Row.of(each.deferral().id(), each.deferral().caseNumber().toString(),
                    labels.name(each.deferral().reason()), each.deferral().end(), count(each.daysLeft()),
                    labels.name(each.status()), each.caseHolds()));
        }
        return table("deferrals", labels.text("title.deferrals", date.toString()),
                List.of(text("deferral"), caseColumn(), text("reason"), date("end"), count("working-days-left"),
                        text("status"), amount("covers")),
                rows);
    }

    /** Notices, refunds and deposits finance has not had paid within its deadline. */
    public ReportTable noticesLateAtFinance(java.time.LocalDate date, List<NoticeOverdue> notices) {
        List<Row> rows = new ArrayList<>();
        for (NoticeOverdue each : notices) {
            rows.add(Row.of(each.notice().id(), labels.name(each.notice().kind()),
                    each.notice().caseNumber().map(Object::toString).orElse(null), each.notice().amount(),
                    each.notice().issuedOn(), each.deadline(), count(each.workingDaysOverdue())).marked(Tone.RED));
        }
        return table("notices-late", labels.text("title.notices-late", date.toString()),
                List.of(text("notice"), text("kind"), caseColumn(), amount("amount"), date("issued"),
                        date("deadline"), count("working-days-late")),
                rows);
    }

    /** The one-case-one-account usage rate of a period, as one row of figures. */
    public ReportTable usage(SubAccountUsage usage) {
        return table("usage", labels.text("title.usage", usage.from().toString(), usage.to().toString(),
                usage.currency().getCode()),
                List.of(count("receipts"), count("by-sub-account"), count("by-case-number"), count("unidentified-count"),
                        amount("amount"), amount("amount-by-sub-account"), decimal("usage-rate"),
                        decimal("usage-rate-by-amount")),
                List.of(Row.of(count(usage.receipts()), count(usage.bySubAccount()), count(usage.byCaseNumber()),
                        count(usage.unidentified()), usage.amount(), usage.amountBySubAccount(), orNull(usage.rate()),
                        orNull(usage.rateByAmount()))));
    }

    /** Who held which role on the report's date. */
    public ReportTable staffHoldings(StaffReport report) {
        List<Row> rows = new ArrayList<>();
        for (StaffReport.Holding each : report.holdings()) {
            rows.add(Row.of(each.personId(), each.name(), each.staffNumber(), labels.name(each.role()),
                    each.division().orElse(labels.text("word.whole-court")), each.from(), each.lastDay().orElse(null),
                    count(each.grantedBy())));
        }
        return table("staff", labels.text("title.staff", report.asOf().toString()),
                List.of(text("person"), text("name"), text("staff-number"), text("role"), text("division"),
                        date("from"), date("until"), count("granted-by-event")),
                rows);
    }

    /** Every change of the staff register up to the report's date, with who asked and who approved. */
    public ReportTable staffChanges(StaffReport report) {
        List<Row> rows = new ArrayList<>();
        for (StaffChange change : report.changes()) {
            String what;
            String person;
            String role = "";
            String division = "";
            if (change instanceof StaffChange.Registered registered) {
                what = labels.text("staff-change.registered");
                person = registered.member().personId() + " (" + registered.member().name() + ", "
                        + registered.member().staffNumber() + ")";
            } else if (change instanceof StaffChange.Granted granted) {
                what = labels.text("staff-change.granted");
                person = granted.personId();
                role = labels.name(granted.role());
                division = granted.division().orElse("");
            } else {
                StaffChange.Revoked revoked = (StaffChange.Revoked) change;
                what = labels.text("staff-change.revoked");
                person = revoked.personId();
                role = labels.name(revoked.role());
                division = revoked.division().orElse("");
            }
            rows.add(Row.of(count(change.sequence()), change.effectiveDate(), what, person, role, division,
                    change.by(), change.approvedBy()));
        }
        return table("staff-changes", labels.text("title.staff-changes", report.asOf().toString()),
                List.of(count("event"), date("effective"), text("change"), text("person"), text("role"),
                        text("division"), text("asked-by"), text("approved-by")),
                rows);
    }
}
