package org.casefunds.examples.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.clock.RulesInForce;
import org.casefunds.ledger.digest.JournalDigest;
import org.casefunds.ledger.digest.JournalTree;
import org.casefunds.ledger.formats.Json;
import org.casefunds.ledger.money.Amounts;
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
import org.casefunds.ledger.staff.StaffChange;
import org.joda.money.CurrencyUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code casefunds report ...}: the reports the courts produce. */
@Command(name = "report", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
        description = "The courts' reports, for any past date or period.",
        subcommands = {ReportCommand.Weekly.class, ReportCommand.LargeBalances.class, ReportCommand.PayoutTimes.class,
            ReportCommand.OldBalances.class, ReportCommand.Unidentified.class, ReportCommand.Deferrals.class,
            ReportCommand.Handlers.class, ReportCommand.Notices.class, ReportCommand.Usage.class,
            ReportCommand.Staff.class})
final class ReportCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What every report takes: the ledger, JSON or a table. */
    abstract static class Base implements Callable<Integer> {
        @Mixin
        LedgerOptions ledger;

        @Option(names = "--json", description = "Print JSON instead of a table.")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        /**
         * Computes the report with {@code compute}, in one snapshot of the ledger, then prints it as
         * JSON ({@code {"report": ..., "rules": ..., "digest": ..., "snapshot": {"sequence": N}}}) or
         * with {@link #table}, after the policy and calendar it was computed under and, for the reports
         * that {@linkplain #endsWithDigest() end with one}, before the digest of the journal; last, the
         * event the snapshot ends at.
         */
        <T> Integer report(Function<CourtReports, T> compute) throws Exception {
            T result;
            RulesInForce.Description rules;
            Optional<JournalDigest> digest = Optional.empty();
            LocalDate date = reportDate();
            long snapshot;
            try (Ledger opened = ledger.openForReading()) {
                snapshot = LedgerOptions.snapshotSequence(opened);
                CourtReports reports = ledger.reports(opened);
                result = compute.apply(reports);
                rules = reports.rulesOn(date).describe(date, new TreeSet<>(Set.of(date.getYear(),
                        date.getYear() + 1)));
                if (endsWithDigest()) {
                    digest = Optional.of(JournalTree.read(opened.store()).digest(Clock.systemUTC().instant()));
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> shown = new LinkedHashMap<>();
                shown.put("report", result);
                shown.put("rules", rules);
                digest.ifPresent(each -> shown.put("digest", each));
                shown.put("snapshot", Map.of("sequence", snapshot));
                out.println(Json.MAPPER.writeValueAsString(shown));
            } else {
                DoubleZeroCommand.printRules(rules, out);
                table(result, out);
                digest.ifPresent(each -> footer(each, out));
                out.printf("%nRead in one snapshot of %s, up to event %d.%n", ledger.describe(), snapshot);
            }
            return ExitCodes.OK;
        }

        /**
         * Whether the report ends with the digest of the journal it was computed from: the weekly and
         * monthly reports do, so that a report on paper pins the journal it came from.
         */
        boolean endsWithDigest() {
            return false;
        }

        /** The date the report is about (the last day of a period). */
        abstract LocalDate reportDate();

        abstract void table(Object result, PrintWriter out);
    }

    /** A report about one date. */
    abstract static class OnDate extends Base {
        @Option(names = "--as-of", paramLabel = "DATE", description = "The date. Default: today in Beijing.")
        LocalDate asOf;

        LocalDate date() {
            return Dates.orToday(asOf);
        }

        @Override
        LocalDate reportDate() {
            return date();
        }
    }

    /** A report about a period. */
    abstract static class OverPeriod extends Base {
        @Option(names = "--from", paramLabel = "DATE", description = "The first day. Default: a week before --to.")
        LocalDate from;

        @Option(names = "--to", paramLabel = "DATE", description = "The last day. Default: the last Sunday.")
        LocalDate to;

        @Option(names = "--currency", paramLabel = "CODE", defaultValue = "CNY", description = "Default: CNY.")
        String currency;

        LocalDate last() {
            return to != null ? to : Dates.today().with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
        }

        LocalDate first() {
            return from != null ? from : last().minusDays(6);
        }

        @Override
        LocalDate reportDate() {
            return last();
        }

        CurrencyUnit unit() {
            return Amounts.currency(currency, "--currency");
        }
    }

    @Command(name = "weekly", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
            description = "The weekly fund report: received, claimed, noticed, paid, returned, held, per handler; it"
                    + " ends with the digest of the journal it was computed from.")
    static final class Weekly extends OverPeriod {
        @Override
        public Integer call() throws Exception {
            return report(reports -> reports.weekly(first(), last(), unit()));
        }

        @Override
        boolean endsWithDigest() {
            return true;
        }

        @Override
        void table(Object result, PrintWriter out) {
            WeeklyReport weekly = (WeeklyReport) result;
            out.printf("Weekly fund report %s to %s (%s)%n", weekly.from(), weekly.to(), weekly.currency());
            Table flows = new Table("movement", ">count", ">amount");
            flows.row("received from the bank", weekly.received().count(), weekly.received().amount().getAmount());
            flows.row("claimed from unidentified", weekly.claimed().count(), weekly.claimed().amount().getAmount());
            flows.row("noticed to finance", weekly.noticed().count(), weekly.noticed().amount().getAmount());
            flows.row("paid by the bank", weekly.paid().count(), weekly.paid().amount().getAmount());
            flows.row("returned by the bank", weekly.returned().count(), weekly.returned().amount().getAmount());
            flows.row("unidentified refunded", weekly.refundedUnidentified().count(),
                    weekly.refundedUnidentified().amount().getAmount());
            flows.print(out);
            out.printf("Held at the end: %s on %d cases, %s unidentified, %s in transit%n",
                    weekly.heldOnCases().getAmount(), weekly.casesHolding(), weekly.heldUnidentified().getAmount(),
                    weekly.heldInTransit().getAmount());
            handlers(weekly.handlers(), out);
        }
    }

    /** The digest block that ends the weekly and monthly reports. */
    static void footer(JournalDigest digest, PrintWriter out) {
        out.println();
        out.printf("Journal digest at this report: court %s, %d events, made at %s%n", digest.court(), digest.sequence(),
                digest.madeAt());
        out.printf("  head hash    %s%n", digest.headHash());
        out.printf("  Merkle root  %s%n", digest.merkleRoot());
        out.println("  (`casefunds digest --out FILE` keeps a digest, signed with --sign, for `casefunds verify"
                + " --digest FILE`)");
    }

    static void handlers(List<HandlerFigures> figures, PrintWriter out) {
        Table table = new Table("handler", ">cases", ">received", ">noticed", ">paid", ">held", ">overdue",
                ">days to notice");
        for (HandlerFigures each : figures) {
            table.row(each.handler(), each.cases(), each.received().amount().getAmount(),
                    each.noticed().amount().getAmount(), each.paid().amount().getAmount(), each.held().getAmount(),
                    each.overdue().getAmount(), each.averageDaysToNotice().map(Object::toString).orElse("-"));
        }
        table.print(out);
    }

    @Command(name = "handlers", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
            description = "Per handler: cases, received, noticed, paid, held, overdue, days from arrival to notice.")
    static final class Handlers extends OverPeriod {
        @Override
        public Integer call() throws Exception {
            return report(reports -> reports.handlers(first(), last(), unit()));
        }

        @Override
        @SuppressWarnings("unchecked")
        void table(Object result, PrintWriter out) {
            handlers((List<HandlerFigures>) result, out);
        }
    }

    @Command(name = "large-balances", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
            description = "The monthly report: cases holding at least the policy's threshold (default 1,000,000.00)"
                    + " and why each is not paid; it ends with the digest of the journal it was computed from.")
    static final class LargeBalances extends OnDate {
        @Override
        public Integer call() throws Exception {
            return report(reports -> reports.largeBalances(date()));
        }

        @Override
        boolean endsWithDigest() {
            return true;
        }

        @Override
        @SuppressWarnings("unchecked")
        void table(Object result, PrintWriter out) {
            Table table = new Table("case", "handler", ">unnoticed", ">in transit", ">total", "why not paid");
            for (LargeBalance each : (List<LargeBalance>) result) {
                table.row(each.caseNumber(), each.handler(), each.unnoticed().getAmount(), each.inTransit().getAmount(),
                        each.total().getAmount(), each.explanation());
            }
            print(table, out, "No case holds the threshold.");
        }
    }

    @Command(name = "payout-time", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
            description = "Average payout time (arrival to notice, and to bank payment; per item and by amount)"
                    + " and the timeliness rate of the notices of a period.")
    static final class PayoutTimes extends OverPeriod {
        @Override
        public Integer call() throws Exception {
            return report(reports -> reports.payoutTime(first(), last(), unit()));
        }

        @Override
        void table(Object result, PrintWriter out) {
            PayoutTime time = (PayoutTime) result;
            out.printf("Payout time of the notices of %s to %s (%s)%n", time.from(), time.to(), time.currency());
            Table table = new Table("figure", ">value");
            table.row("amounts noticed (lot pieces)", time.pieces());
            table.row("noticed", time.noticed().getAmount());
            table.row("days from arrival to notice, per item", text(time.averageDaysToNotice()));
            table.row("days from arrival to notice, by amount", text(time.weightedDaysToNotice()));
            table.row("paid by the bank (pieces)", time.paidPieces());
            table.row("days from arrival to bank payment, per item", text(time.averageDaysToBank()));
            table.row("days from arrival to bank payment, by amount", text(time.weightedDaysToBank()));
            table.row("noticed in time (pieces)", time.timelyPieces());
            table.row("timeliness rate %", text(time.timelinessRate()));
            table.row("timeliness rate by amount %", text(time.timelinessRateByAmount()));
            table.print(out);
        }
    }

    static String text(Optional<?> value) {
        return value.map(Object::toString).orElse("-");
    }

    @Command(name = "old-balances", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
            description = "Money that arrived on or before a cut-off (default: the policy's, 2022-12-31) and is still"
                    + " held, with days held (旧存案款).")
    static final class OldBalances extends OnDate {
        @Option(names = "--cutoff", paramLabel = "DATE", description = "Default: the policy's old-balances cut-off.")
        LocalDate cutoff;

        @Override
        public Integer call() throws Exception {
            return report(reports -> cutoff == null ? reports.oldBalances(date()) : reports.oldBalances(date(), cutoff));
        }

        @Override
        @SuppressWarnings("unchecked")
        void table(Object result, PrintWriter out) {
            Table table = new Table("account", "handler", "arrived", ">amount", ">days held", "in transit on");
            for (OldBalance each : (List<OldBalance>) result) {
                table.row(each.account(), each.handler().orElse(""), each.arrivalDate(), Dates.money(each.remaining()),
                        each.daysHeld(), each.inTransit().orElse(""));
            }
            print(table, out, "No old balance.");
        }
    }

    @Command(name = "unidentified", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
            description = "Unidentified receipts (不明款) still holding money, with age and claiming deadline.")
    static final class Unidentified extends OnDate {
        @Override
        public Integer call() throws Exception {
            return report(reports -> reports.unidentified(date()));
        }

        @Override
        @SuppressWarnings("unchecked")
        void table(Object result, PrintWriter out) {
            Table table = new Table("receipt", "bank reference", "arrived", ">amount", "payer", "memo", ">days old",
                    "claim by", "past it");
            for (UnidentifiedEntry each : (List<UnidentifiedEntry>) result) {
                table.row(each.receipt(), each.bankReference(), each.arrivalDate(), Dates.money(each.remaining()),
                        each.payer().name().orElse(""), each.memo().orElse(""), each.ageDays(), each.claimingDeadline()
                                + (each.provisional() ? " (provisional)" : ""), each.pastDeadline() ? "YES" : "");
            }
            print(table, out, "No unidentified money.");
        }
    }

    @Command(name = "deferrals", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
            description = "Deferrals ending within the warning horizon, and deferrals that ended without a lift.")
    static final class Deferrals extends OnDate {
        @Override
        public Integer call() throws Exception {
            return report(reports -> reports.deferralWatch(date()));
        }

        @Override
        @SuppressWarnings("unchecked")
        void table(Object result, PrintWriter out) {
            Table table = new Table("deferral", "case", "reason", "end", ">working days left", "status", ">covers");
            for (DeferralWatch each : (List<DeferralWatch>) result) {
                table.row(each.deferral().id(), each.deferral().caseNumber(), each.deferral().reason(),
                        each.deferral().end(), each.daysLeft(), each.status(), Dates.money(each.caseHolds()));
            }
            print(table, out, "No deferral to watch.");
        }
    }

    @Command(name = "staff", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
            description = "Who held which role on a date, and every change of the staff register up to it, with who"
                    + " asked for it and who approved it: the review of permissions.")
    static final class Staff extends OnDate {
        @Override
        public Integer call() throws Exception {
            return report(reports -> reports.staff(date()));
        }

        @Override
        void table(Object result, PrintWriter out) {
            StaffReport report = (StaffReport) result;
            out.println("Roles held on " + report.asOf() + ":");
            Table held = new Table("person", "name", "staff no.", "role", "division", "from", "until", ">granted by event");
            for (StaffReport.Holding each : report.holdings()) {
                held.row(each.personId(), each.name(), each.staffNumber(), each.role(),
                        each.division().orElse("(whole court)"), each.from(),
                        each.lastDay().map(Object::toString).orElse(""), each.grantedBy());
            }
            print(held, out, "No one held a role on " + report.asOf() + ".");
            out.println();
            out.println("Changes of the staff register up to " + report.asOf() + ":");
            Table changes = new Table(">event", "effective", "change", "person", "role", "division", "asked by",
                    "approved by");
            for (StaffChange change : report.changes()) {
                if (change instanceof StaffChange.Registered registered) {
                    changes.row(change.sequence(), change.effectiveDate(), "registered",
                            registered.member().personId() + " (" + registered.member().name() + ", "
                                    + registered.member().staffNumber() + ")", "", "", change.by(), change.approvedBy());
                } else if (change instanceof StaffChange.Granted granted) {
                    changes.row(change.sequence(), change.effectiveDate(), "granted", granted.personId(),
                            granted.role(), granted.division().orElse(""), change.by(), change.approvedBy());
                } else if (change instanceof StaffChange.Revoked revoked) {
                    changes.row(change.sequence(), change.effectiveDate(), "revoked", revoked.personId(),
                            revoked.role(), revoked.division().orElse(""), change.by(), change.approvedBy());
                }
            }
            print(changes, out, "The staff register has no changes up to " + report.asOf() + ".");
        }
    }

    @Command(name = "documents", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
            description = "Notices, refunds and deposits finance has not had paid within its deadline.")
    static final class Notices extends OnDate {
        @Override
        public Integer call() throws Exception {
            return report(reports -> reports.noticesOverdueAtFinance(date()));
        }

        @Override
        @SuppressWarnings("unchecked")
        void table(Object result, PrintWriter out) {
            Table table = new Table("notice", "kind", "case", ">amount", "issued", "deadline", ">working days late");
            for (NoticeOverdue each : (List<NoticeOverdue>) result) {
                table.row(each.notice().id(), each.notice().kind(), each.notice().caseNumber().map(Object::toString)
                        .orElse(""), Dates.money(each.notice().amount()), each.notice().issuedOn(),
                        each.deadline() + (each.provisional() ? " (provisional)" : ""),
                        each.workingDaysOverdue());
            }
            print(table, out, "Finance is within its deadline for every notice.");
        }
    }

    @Command(name = "usage", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
            description = "The one-case-one-account usage rate: receipts routed by their sub-account.")
    static final class Usage extends OverPeriod {
        @Override
        public Integer call() throws Exception {
            return report(reports -> reports.subAccountUsage(first(), last(), unit()));
        }

        @Override
        void table(Object result, PrintWriter out) {
            SubAccountUsage usage = (SubAccountUsage) result;
            out.printf("Receipts of %s to %s (%s): %d, of which %d by sub-account, %d by case number, %d"
                    + " unidentified%nUsage rate: %s%% of receipts, %s%% of the amount (%s of %s)%n", usage.from(),
                    usage.to(), usage.currency(), usage.receipts(), usage.bySubAccount(), usage.byCaseNumber(),
                    usage.unidentified(), text(usage.rate()), text(usage.rateByAmount()),
                    usage.amountBySubAccount().getAmount(), usage.amount().getAmount());
        }
    }

    static void print(Table table, PrintWriter out, String whenEmpty) {
        if (table.isEmpty()) {
            out.println(whenEmpty);
        } else {
            table.print(out);
        }
    }
}
