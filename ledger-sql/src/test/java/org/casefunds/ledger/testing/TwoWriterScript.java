package org.casefunds.ledger.testing;

import static org.casefunds.ledger.testing.Fixtures.ADMINISTRATOR;
import static org.casefunds.ledger.testing.Fixtures.BANK;
import static org.casefunds.ledger.testing.Fixtures.BY_DIRECTOR;
import static org.casefunds.ledger.testing.Fixtures.BY_HEAD;
import static org.casefunds.ledger.testing.Fixtures.BY_LEADER;
import static org.casefunds.ledger.testing.Fixtures.CNY;
import static org.casefunds.ledger.testing.Fixtures.FINANCE;
import static org.casefunds.ledger.testing.Fixtures.HANDLER;
import static org.casefunds.ledger.testing.Fixtures.OTHER_HANDLER;
import static org.casefunds.ledger.testing.Fixtures.USD;
import static org.casefunds.ledger.testing.Fixtures.USD_BANK;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.casefunds.ledger.approvals.Actor;
import org.casefunds.ledger.approvals.Approval;
import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.commands.ChargeExecutionFee;
import org.casefunds.ledger.commands.ClaimUnidentified;
import org.casefunds.ledger.commands.ClosePeriod;
import org.casefunds.ledger.commands.Command;
import org.casefunds.ledger.commands.DepositWithNotary;
import org.casefunds.ledger.commands.Distribute;
import org.casefunds.ledger.commands.GrantDeferral;
import org.casefunds.ledger.commands.GrantRole;
import org.casefunds.ledger.commands.HandOverCase;
import org.casefunds.ledger.commands.IssuePayoutNotice;
import org.casefunds.ledger.commands.LiftDeferral;
import org.casefunds.ledger.commands.OpenCase;
import org.casefunds.ledger.commands.RecordReceipt;
import org.casefunds.ledger.commands.RefundSurplus;
import org.casefunds.ledger.commands.RefundUnidentified;
import org.casefunds.ledger.commands.RenewDeferral;
import org.casefunds.ledger.commands.Request;
import org.casefunds.ledger.commands.ReturnDisbursement;
import org.casefunds.ledger.commands.Reverse;
import org.casefunds.ledger.commands.SettleDisbursement;
import org.casefunds.ledger.commands.TransferBetweenCases;
import org.casefunds.ledger.events.Payer;
import org.casefunds.ledger.events.ReceiptSource;
import org.casefunds.ledger.policy.DeferralReason;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;
import org.quicktheories.core.Gen;

/**
 * A generated script for two writers of one ledger, turned into commands: each step goes to writer
 * A or writer B, and is either what the {@link ScriptInterpreter} makes of it or a command that
 * depends on what the other writer applied since this writer's last transaction: a receipt it
 * recorded, claimed or refunded (claimed or refunded: all that is left, what this writer saw left,
 * a cent more, half), money it put into or took from a case (a payout notice, for the same
 * amounts), a case it opened (a receipt to it, its handing over), a notice it issued or finished
 * (settled, returned), a deferral it granted or changed (lifted, renewed), a reversal or a closed
 * period (the same event reversed, money dated in the period), a key it used (the same command,
 * another command). When the other writer applied nothing of the kind, this writer now and then
 * records something for it to depend on later. The {@link ReferenceModel}, fed every command in the
 * order the steps apply them, says what each must do.
 *
 * <p>The commands depend only on the script: the model is never told what a ledger did. So a
 * second process given the same script makes the same commands, and can be told "do step 17".
 *
 * <p>A step is ten numbers: the interpreter's eight, the writer (even A, odd B) and the dependent
 * choice (even: depend on the other writer when it wrote; which dependence, from the number; ending
 * in 9: the interpreter's command in a batch that is refused whole). They shrink towards writer A
 * and towards dependent steps.
 */
public final class TwoWriterScript {
    /** How many numbers make a step. */
    public static final int STEP_SIZE = ScriptInterpreter.STEP_SIZE + 2;
    /** The writers' names, by number. */
    public static final List<String> WRITERS = List.of("A", "B");

    private static final List<Approval> APPROVALS = List.of(BY_HEAD, BY_DIRECTOR, BY_LEADER);
    /** A master account the court never registers. */
    private static final String UNKNOWN_BANK = "999999";

    /**
     * One step of the script: who runs which command, why, and what the model expects of it. A step
     * may instead be a batch ({@link org.casefunds.ledger.Ledger#executeAll}) of the command and a
     * receipt to a master account the court does not have, which is refused whole whatever the
     * command does; the model is given neither, and {@code expected} is null.
     */
    public record Step(int index, int writer, Command command, List<Command> batch, String label, boolean fresh,
            ReferenceModel.Outcome expected, LocalDate pastDate) {

        /** The label with the model's outcome, as the coverage counts it. */
        public String outcome() {
            return label + (expected == null ? "" : " -> " + expected)
                    + (fresh || label.startsWith("opening") ? "" : " [the other wrote earlier]");
        }

        /** The writer's name. */
        public String writerName() {
            return WRITERS.get(writer);
        }
    }

    /** An applied command and the writer that applied it. */
    private record Applied(int writer, int index, Command command) {
    }

    /** A dependent command and its label. */
    private record Dependent(Command command, String label) {
    }

    private final ReferenceModel model = new ReferenceModel();
    private final ScriptInterpreter interpreter = new ScriptInterpreter(model);
    private final List<Command> opening = opening();
    private final List<List<Integer>> script;
    private final List<Applied> applied = new ArrayList<>();
    private final int[] lastIndexOf = {-1, -1};
    /** The balances each writer saw at the end of its last transaction. */
    private final List<Map<String, Long>> seenBalances = new ArrayList<>(List.of(Map.of(), Map.of()));
    /** What was left of each unidentified receipt when each writer last wrote. */
    private final List<Map<String, Long>> seenReceipts = new ArrayList<>(List.of(Map.of(), Map.of()));
    private int index;
    private int dependents;

    /** The steps of {@code script}, after the opening, which the writers share by turns. */
    public TwoWriterScript(List<List<Integer>> script) {
        this.script = script;
    }

    /** Scripts of 1 to {@code maxSteps} steps. */
    public static Gen<List<List<Integer>>> scripts(int maxSteps) {
        Gen<List<Integer>> step = lists().of(integers().between(0, 9999)).ofSize(STEP_SIZE);
        return lists().of(step).ofSizeBetween(1, maxSteps);
    }

    /** Every step of {@code script}, the opening included. */
    public static List<Step> steps(List<List<Integer>> script) {
        TwoWriterScript plan = new TwoWriterScript(script);
        List<Step> steps = new ArrayList<>();
        for (Step step = plan.next(); step != null; step = plan.next()) {
            steps.add(step);
        }
        return steps;
    }

    /** The opening of the court, then the first handler made finance too, as the core's harness does. */
    public static List<Command> opening() {
        List<Command> commands = new ArrayList<>(Fixtures.opening());
        commands.add(Command.of("role:judge-finance", Fixtures.STAFF_ADMIN, Fixtures.DAY_ONE,
                GrantRole.of(HANDLER.id(), Role.FINANCE, Fixtures.DAY_ONE)).approvedBy(Fixtures.BY_SECOND_STAFF_ADMIN));
        return commands;
    }

    /** The model, fed every step so far. */
    ReferenceModel model() {
        return model;
    }

    /** The next step, or null after the last. */
    public Step next() {
        if (index >= opening.size() + script.size()) {
            return null;
        }
        int writer;
        Command command;
        String label;
        boolean fresh = false;
        List<Command> batch = null;
        LocalDate pastDate;
        if (index < opening.size()) {
            writer = index % 2;
            command = opening.get(index);
            label = "opening";
            pastDate = interpreter.today();
        } else {
            List<Integer> numbers = script.get(index - opening.size());
            writer = numbers.get(ScriptInterpreter.STEP_SIZE) % 2;
            fresh = wroteSince(1 - writer);
            Dependent dependent = numbers.get(ScriptInterpreter.STEP_SIZE + 1) % 2 == 0
                    ? dependent(writer, numbers) : null;
            if (dependent != null) {
                command = dependent.command();
                label = dependent.label();
            } else {
                command = interpreter.next(numbers.subList(0, ScriptInterpreter.STEP_SIZE));
                label = "generated " + command.request().getClass().getSimpleName()
                        + (keyOf(1 - writer, command.idempotencyKey()) ? " under the other writer's key" : "");
                if (numbers.get(ScriptInterpreter.STEP_SIZE + 1) % 10 == 9) {
                    String key = "x" + (++dependents);
                    batch = List.of(command, new Command(key, ADMINISTRATOR, interpreter.today(), APPROVALS, Map.of(),
                            new RecordReceipt(UNKNOWN_BANK, "SN" + key, Money.ofMinor(CNY, 100), Payer.of("付款人",
                                    "62170001", "建设银行"), Optional.empty(), ReceiptSource.DEBTOR_PAYMENT,
                                    Optional.empty(), Optional.empty())));
                    label = "batch of " + command.request().getClass().getSimpleName()
                            + " and a receipt to an unknown master account";
                }
            }
            pastDate = interpreter.today().minusDays(numbers.get(7) % 10);
        }
        ReferenceModel.Outcome expected = batch == null ? model.apply(command) : null;
        if (expected != null && expected.applied()) {
            applied.add(new Applied(writer, index, command));
        }
        lastIndexOf[writer] = index;
        seenBalances.set(writer, new HashMap<>(model.balances));
        seenReceipts.set(writer, unidentifiedLeft());
        return new Step(index++, writer, command, batch, label, fresh, expected, pastDate);
    }

    /** Whether {@code writer} applied a command since the other one's last transaction. */
    private boolean wroteSince(int writer) {
        return applied.stream().anyMatch(done -> done.writer() == writer && done.index() > lastIndexOf[1 - writer]);
    }

    private boolean keyOf(int writer, String key) {
        return applied.stream().anyMatch(done -> done.writer() == writer && done.command().idempotencyKey().equals(key));
    }

    /** What a dependent step depends on in what the other writer applied. */
    private enum Dependence {
        /** Any command: sent again. */
        SAME_COMMAND,
        /** Any command: another one under its key. */
        ANOTHER_COMMAND_UNDER_ITS_KEY,
        /** An unidentified receipt it recorded, claimed or refunded: claimed or refunded. */
        UNIDENTIFIED_RECEIPT,
        /** Money it put into or took out of a case: a payout notice on that case. */
        CASE_MONEY,
        /** A case it opened: a receipt to it, or its handing over. */
        OPENED_CASE,
        /** A notice it issued, settled or returned: settled or returned. */
        DISBURSEMENT,
        /** A deferral it granted, renewed or lifted: lifted or renewed. */
        DEFERRAL,
        /**
         * A reversal, a closing of a period, or an event that moved money: reversed (again), or money
         * dated in the closed period.
         */
        COURT_RECORD
    }

    /** The dependences: money three times as often as keys, cases and notices, deferrals and court records twice. */
    private static final List<Dependence> WEIGHTED = List.of(Dependence.UNIDENTIFIED_RECEIPT, Dependence.CASE_MONEY,
            Dependence.SAME_COMMAND, Dependence.DEFERRAL, Dependence.COURT_RECORD, Dependence.UNIDENTIFIED_RECEIPT,
            Dependence.CASE_MONEY, Dependence.ANOTHER_COMMAND_UNDER_ITS_KEY, Dependence.DEFERRAL,
            Dependence.UNIDENTIFIED_RECEIPT, Dependence.CASE_MONEY, Dependence.OPENED_CASE, Dependence.DISBURSEMENT,
            Dependence.COURT_RECORD);

    /**
     * A command that depends on what the other writer applied: the newest command it applied since
     * this writer's last transaction that the dependence chosen by {@code numbers} applies to (now and
     * then an older one), else the newest before. With no such command (and now and then anyway), for
     * receipts and deferrals, a command of this writer's that the other can depend on later; else
     * null, and the interpreter decides.
     */
    private Dependent dependent(int writer, List<Integer> numbers) {
        int other = 1 - writer;
        Dependence dependence = WEIGHTED.get(numbers.get(ScriptInterpreter.STEP_SIZE + 1) / 2 % WEIGHTED.size());
        List<Applied> since = new ArrayList<>();
        List<Applied> before = new ArrayList<>();
        for (int i = applied.size() - 1; i >= 0; i--) {
            Applied done = applied.get(i);
            if (done.writer() == other && dependsOn(dependence, done)) {
                (done.index() > lastIndexOf[writer] ? since : before).add(done);
            }
        }
        List<Applied> pool = since.isEmpty() ? before : since;
        String key = "x" + (++dependents);
        if (pool.isEmpty() || numbers.get(3) % 5 == 0) {
            return forTheOther(dependence, key, numbers);
        }
        int choice = numbers.get(1);
        Applied target = choice % 4 == 0 ? pool.get(choice % pool.size()) : pool.get(0);
        Request request = target.command().request();
        String targetKey = target.command().idempotencyKey();
        String after = " after the other writer's " + request.getClass().getSimpleName();
        boolean even = numbers.get(6) % 2 == 0;
        Dependent made;
        switch (dependence) {
            case SAME_COMMAND:
                return new Dependent(target.command(), "the same command" + after);
            case ANOTHER_COMMAND_UNDER_ITS_KEY:
                return new Dependent(new Command(targetKey, ADMINISTRATOR, interpreter.today(), APPROVALS, Map.of(),
                        receipt("SN" + key, Money.ofMinor(CNY, 100), Optional.empty())),
                        "another command under the key" + after);
            case UNIDENTIFIED_RECEIPT:
                made = unidentified(writer, unidentifiedReceiptOf(target), key, numbers);
                break;
            case CASE_MONEY:
                List<CaseNumber> cases = casesWithMoneyOf(target);
                made = notice(writer, cases.get(even || cases.size() == 1 ? 0 : 1), key, numbers);
                break;
            case OPENED_CASE:
                OpenCase open = (OpenCase) request;
                if (numbers.get(6) % 3 == 2) {
                    Actor handler = handlerOf(open.caseNumber());
                    made = command(key, handler, new HandOverCase(open.caseNumber(),
                            handler.equals(HANDLER) ? OTHER_HANDLER.id() : HANDLER.id(), "reassigned"), "HandOverCase");
                } else {
                    made = command(key, ADMINISTRATOR, receipt("SN" + key, amount(numbers.get(2)),
                            Optional.of(open.subAccountNumber())), "RecordReceipt to its sub-account");
                }
                break;
            case DISBURSEMENT:
                made = disbursement(disbursementsOf(target), key, numbers);
                break;
            case DEFERRAL:
                made = deferral(deferralOf(target), key, numbers);
                break;
            default:
                if (request instanceof ClosePeriod) {
                    LocalDate closed = ((ClosePeriod) request).closedThrough();
                    made = new Dependent(new Command(key, ADMINISTRATOR, closed, APPROVALS, Map.of(),
                            receipt("SN" + key, amount(numbers.get(2)), Optional.empty())),
                            "RecordReceipt dated in the closed period");
                } else {
                    String event = request instanceof Reverse ? ((Reverse) request).event() : targetKey;
                    made = command(key, FINANCE, new Reverse(event, "entered in error"),
                            request instanceof Reverse ? "Reverse of the same event" : "Reverse");
                }
                break;
        }
        return new Dependent(made.command(), made.label() + after);
    }

    /** Whether {@code dependence} applies to {@code done}. */
    private boolean dependsOn(Dependence dependence, Applied done) {
        Request request = done.command().request();
        switch (dependence) {
            case SAME_COMMAND:
            case ANOTHER_COMMAND_UNDER_ITS_KEY:
                return done.index() >= opening.size() || !(request instanceof GrantRole);
            case UNIDENTIFIED_RECEIPT:
                return unidentifiedReceiptOf(done) != null;
            case CASE_MONEY:
                return !casesWithMoneyOf(done).isEmpty();
            case OPENED_CASE:
                return request instanceof OpenCase;
            case DISBURSEMENT:
                return !disbursementsOf(done).isEmpty();
            case DEFERRAL:
                return deferralOf(done) != null;
            default:
                ReferenceModel.Applied recorded = model.applied.get(done.command().idempotencyKey());
                return request instanceof Reverse || request instanceof ClosePeriod
                        || recorded != null && !recorded.postings.isEmpty();
        }
    }

    /** The unidentified receipt {@code done} recorded, claimed from or refunded, or null. */
    private String unidentifiedReceiptOf(Applied done) {
        Request request = done.command().request();
        if (request instanceof RecordReceipt) {
            ReferenceModel.Receipt receipt = model.receipts.get(done.command().idempotencyKey());
            return receipt != null && receipt.unidentified ? done.command().idempotencyKey() : null;
        } else if (request instanceof ClaimUnidentified) {
            return ((ClaimUnidentified) request).receipt();
        } else if (request instanceof RefundUnidentified) {
            return ((RefundUnidentified) request).receipt();
        }
        return null;
    }

    /** The cases {@code done} put money into or took it from. */
    private List<CaseNumber> casesWithMoneyOf(Applied done) {
        Request request = done.command().request();
        if (request instanceof RecordReceipt) {
            for (ReferenceModel.Lot lot : model.lots) {
                if (lot.receipt.equals(done.command().idempotencyKey()) && lot.account.startsWith("case:")) {
                    return List.of(CaseNumber.parse(lot.account.substring("case:".length())));
                }
            }
        } else if (request instanceof ClaimUnidentified) {
            return List.of(((ClaimUnidentified) request).caseNumber());
        } else if (request instanceof IssuePayoutNotice) {
            return List.of(((IssuePayoutNotice) request).caseNumber());
        } else if (request instanceof DepositWithNotary) {
            return List.of(((DepositWithNotary) request).caseNumber());
        } else if (request instanceof RefundSurplus) {
            return List.of(((RefundSurplus) request).caseNumber());
        } else if (request instanceof Distribute) {
            return List.of(((Distribute) request).caseNumber());
        } else if (request instanceof ChargeExecutionFee) {
            return List.of(((ChargeExecutionFee) request).caseNumber());
        } else if (request instanceof TransferBetweenCases) {
            TransferBetweenCases transfer = (TransferBetweenCases) request;
            return List.of(transfer.fromCase(), transfer.toCase());
        }
        return List.of();
    }

    /** The disbursements {@code done} issued, settled or returned. */
    private List<String> disbursementsOf(Applied done) {
        Request request = done.command().request();
        if (request instanceof SettleDisbursement) {
            return List.of(((SettleDisbursement) request).disbursement());
        } else if (request instanceof ReturnDisbursement) {
            return List.of(((ReturnDisbursement) request).disbursement());
        }
        ReferenceModel.Applied recorded = model.applied.get(done.command().idempotencyKey());
        return recorded == null ? List.of() : recorded.disbursements;
    }

    /** The deferral {@code done} granted, renewed or lifted, or null. */
    private String deferralOf(Applied done) {
        Request request = done.command().request();
        if (request instanceof GrantDeferral) {
            return done.command().idempotencyKey();
        } else if (request instanceof LiftDeferral) {
            return ((LiftDeferral) request).deferral();
        } else if (request instanceof RenewDeferral) {
            return ((RenewDeferral) request).deferral();
        }
        return null;
    }

    /**
     * A command of this writer's for the other to depend on later: an unidentified receipt, a
     * receipt to a case, or a deferral; null for the other dependences.
     */
    private Dependent forTheOther(Dependence dependence, String key, List<Integer> numbers) {
        if (dependence == Dependence.UNIDENTIFIED_RECEIPT) {
            return command(key, ADMINISTRATOR, receipt("SN" + key, amount(numbers.get(2)), Optional.empty()),
                    "RecordReceipt unidentified, for the other writer");
        }
        if (dependence == Dependence.CASE_MONEY && !model.cases.isEmpty()) {
            List<String> cases = new ArrayList<>(model.cases.keySet());
            int n = caseIndexOf(cases.get(numbers.get(5) % cases.size()));
            return command(key, ADMINISTRATOR, receipt("SN" + key, amount(numbers.get(2)),
                    Optional.of(Fixtures.subAccount(n))), "RecordReceipt to a case, for the other writer");
        }
        if (dependence == Dependence.DEFERRAL && !model.cases.isEmpty()) {
            List<String> cases = new ArrayList<>(model.cases.keySet());
            CaseNumber caseNumber = CaseNumber.parse(cases.get(numbers.get(5) % cases.size()));
            LocalDate today = interpreter.today();
            return command(key, handlerOf(caseNumber), new GrantDeferral(caseNumber, DeferralReason.DISPUTED,
                    "part of it is disputed", today, today.plusDays(1 + numbers.get(7) % 60), Optional.empty()),
                    "GrantDeferral, for the other writer");
        }
        return null;
    }

    /**
     * A payout notice on {@code caseNumber}: for all its money, for what this writer saw there when it
     * last wrote, for one cent more than it holds, or (twice as often) for half.
     */
    private Dependent notice(int writer, CaseNumber caseNumber, String key, List<Integer> numbers) {
        String pocket = "case:" + caseNumber + " " + CNY.getCode();
        long now = model.balances.getOrDefault(pocket, 0L);
        long seen = seenBalances.get(writer).getOrDefault(pocket, 0L);
        String variant;
        long amount;
        switch (numbers.get(2) % 5) {
            case 0:
                variant = "all";
                amount = now;
                break;
            case 1:
                variant = seen == now ? "all, as last seen" : "as last seen";
                amount = seen;
                break;
            case 2:
                variant = "one cent more than it holds";
                amount = now + 1;
                break;
            default:
                variant = "half";
                amount = now / 2;
                break;
        }
        int n = caseIndexOf(caseNumber.toString());
        return command(key, handlerOf(caseNumber), new IssuePayoutNotice(caseNumber, Fixtures.creditorAccount(n),
                Money.ofMinor(CNY, Math.max(1, amount)), Optional.empty(), Optional.empty()),
                "IssuePayoutNotice (" + variant + ")");
    }

    /**
     * A claim or refund of the unidentified receipt {@code receiptKey}: all that is left of it, what
     * this writer saw left when it last wrote, one cent more, or (twice as often) half.
     */
    private Dependent unidentified(int writer, String receiptKey, String key, List<Integer> numbers) {
        long now = unidentifiedLeft().getOrDefault(receiptKey, 0L);
        Long seen = seenReceipts.get(writer).get(receiptKey);
        String variant;
        long amount;
        switch (numbers.get(2) % 5) {
            case 0:
                variant = "all";
                amount = now;
                break;
            case 1:
                variant = seen == null ? "all, never seen" : seen == now ? "all, as last seen" : "as last seen";
                amount = seen == null ? now : seen;
                break;
            case 2:
                variant = "one cent more than is left";
                amount = now + 1;
                break;
            default:
                variant = "half";
                amount = now / 2;
                break;
        }
        ReferenceModel.Receipt receipt = model.receipts.get(receiptKey);
        CurrencyUnit currency = receipt != null && receipt.bank.equals(USD_BANK) ? USD : CNY;
        Money money = Money.ofMinor(currency, Math.max(1, amount));
        if (numbers.get(6) / 2 % 2 == 0 && !model.cases.isEmpty()) {
            List<String> cases = new ArrayList<>(model.cases.keySet());
            CaseNumber into = CaseNumber.parse(cases.get(numbers.get(5) % cases.size()));
            return command(key, ADMINISTRATOR, ClaimUnidentified.of(receiptKey, into, money),
                    "ClaimUnidentified (" + variant + ")");
        }
        return command(key, ADMINISTRATOR, new RefundUnidentified(receiptKey, money, Fixtures.debtorAccount(1),
                "paid by mistake"), "RefundUnidentified (" + variant + ")");
    }

    /** The settlement or the return of one of the disbursements {@code ids}. */
    private Dependent disbursement(List<String> ids, String key, List<Integer> numbers) {
        String id = ids.get(numbers.get(5) % ids.size());
        return numbers.get(6) / 2 % 2 == 0
                ? command(key, FINANCE, new SettleDisbursement(id, "OUT" + key), "SettleDisbursement")
                : command(key, FINANCE, new ReturnDisbursement(id, "account closed"), "ReturnDisbursement");
    }

    /** The lifting or a renewal of the deferral {@code id}. */
    private Dependent deferral(String id, String key, List<Integer> numbers) {
        ReferenceModel.Deferral held = model.deferrals.get(id);
        Actor actor = handlerOf(CaseNumber.parse(held.caseNumber));
        return numbers.get(6) / 2 % 2 == 0
                ? command(key, actor, new LiftDeferral(id, "the creditor collected"), "LiftDeferral")
                : command(key, actor, new RenewDeferral(id, held.end.plusDays(1 + numbers.get(7) % 40),
                        "the dispute goes on"), "RenewDeferral");
    }

    private Dependent command(String key, Actor actor, Request request, String label) {
        return new Dependent(new Command(key, actor, interpreter.today(), APPROVALS, Map.of(), request), label);
    }

    private static RecordReceipt receipt(String reference, Money amount, Optional<String> subAccount) {
        return new RecordReceipt(BANK, reference, amount, Payer.of("付款人", "62170001", "建设银行"), Optional.empty(),
                ReceiptSource.DEBTOR_PAYMENT, subAccount, Optional.empty());
    }

    private static Money amount(int choice) {
        return Money.ofMinor(CNY, 100L * (1 + choice % 5000) + choice % 100);
    }

    /** The handler of a case as the model has it, as an actor. */
    private Actor handlerOf(CaseNumber caseNumber) {
        ReferenceModel.Case record = model.cases.get(caseNumber.toString());
        return record != null && record.handler.equals(OTHER_HANDLER.id()) ? OTHER_HANDLER : HANDLER;
    }

    /** What is left of each unidentified receipt, by its key. */
    private Map<String, Long> unidentifiedLeft() {
        Map<String, Long> left = new HashMap<>();
        for (ReferenceModel.Lot lot : model.lots) {
            if (lot.account.startsWith("unidentified:")) {
                left.merge(lot.receipt, lot.remaining, Long::sum);
            }
        }
        return left;
    }

    private static int caseIndexOf(String caseNumber) {
        return Integer.parseInt(caseNumber.substring(caseNumber.indexOf('执') + 1, caseNumber.length() - 1));
    }
}
