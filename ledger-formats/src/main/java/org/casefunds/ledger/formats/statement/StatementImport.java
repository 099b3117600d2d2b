package org.casefunds.ledger.formats.statement;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.casefunds.ledger.approvals.Actor;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.StateConflictException;
import org.casefunds.ledger.commands.Command;
import org.casefunds.ledger.commands.RecordReceipt;
import org.casefunds.ledger.events.Payer;
import org.casefunds.ledger.events.ReceiptSource;
import org.casefunds.ledger.money.Amounts;
import org.casefunds.ledger.reconciliation.Direction;
import org.casefunds.ledger.state.BankAccount;
import org.casefunds.ledger.state.LedgerView;
import org.casefunds.ledger.state.Receipt;

/**
 * The rules of importing a master account's bank statement: every credit line becomes a receipt
 * (its idempotency key the account and the bank serial number), every debit is left to finance,
 * who records it as a settlement. A first reading checks every line before anything is written: a
 * serial number appears once in a statement, and a serial already recorded on the account must
 * agree in amount and value date (then the line is already imported and skipped; otherwise the
 * ledger or the statement is wrong, and the import is refused).
 *
 * <p>This class is not thread-safe: one import uses it, line by line.
 */
public final class StatementImport {
    private final LedgerView view;
    private final BankAccount account;
    private final Actor actor;
    private final Map<String, Long> lineOfSerial = new HashMap<>();
    private final Set<Long> alreadyImported = new HashSet<>();
    private long credits;
    private long debits;
    private long toImport;

    private StatementImport(LedgerView view, BankAccount account, Actor actor) {
        this.view = Checks.required(view, "view");
        this.account = Checks.required(account, "account");
        this.actor = Checks.required(actor, "actor");
    }

    /** An import into {@code account} as the ledger {@code view} stands, recorded by {@code actor}. */
    public static StatementImport of(LedgerView view, BankAccount account, Actor actor) {
        return new StatementImport(view, account, actor);
    }

    /**
     * Checks one line of the first reading.
     *
     * @throws InvalidInputException naming {@code serial} if the serial appeared on an earlier line
     * @throws StateConflictException naming {@code serial} if the ledger recorded it with another
     *     amount or date
     */
    public void check(StatementEntry entry) {
        Long earlier = lineOfSerial.putIfAbsent(entry.serial(), entry.line());
        if (earlier != null) {
            throw new InvalidInputException(ErrorCode.ALREADY_EXISTS, "serial", entry.serial(),
                    "is also the serial number of line " + earlier + "; a bank serial number appears once in a"
                            + " statement");
        }
        if (entry.direction() == Direction.DEBIT) {
            debits++;
            return;
        }
        credits++;
        command(entry);
        Optional<Receipt> recorded = view.receiptByBankReference(account.number(), entry.serial());
        if (recorded.isEmpty()) {
            toImport++;
            return;
        }
        Receipt receipt = recorded.get();
        if (!receipt.details().amount().equals(entry.amount()) || !receipt.valueDate().equals(entry.valueDate())) {
            throw new StateConflictException(ErrorCode.ALREADY_EXISTS, "serial", entry.serial(),
                    "is already recorded on " + account.number() + " by receipt '" + receipt.key() + "' (event "
                            + receipt.sequence() + ") of " + Amounts.decimal(receipt.details().amount()) + " on "
                            + receipt.valueDate() + ", but this line says " + Amounts.decimal(entry.amount())
                            + " on " + entry.valueDate() + "; correct the ledger with a reversal, or the statement");
        }
        alreadyImported.add(entry.line());
    }

    /** Whether the line, checked, is to be imported: a credit not recorded before. */
    public boolean imports(StatementEntry entry) {
        return entry.direction() == Direction.CREDIT && !alreadyImported.contains(entry.line());
    }

    /** The receipt command of a credit line; making it checks what the ledger would refuse at once. */
    public Command command(StatementEntry entry) {
        Payer payer = Payer.of(entry.payerName().orElse(null), entry.payerAccount().orElse(null),
                entry.payerBank().orElse(null));
        // A statement does not say how the money came (paid, deducted, auctioned): the memo tells.
        RecordReceipt receipt = RecordReceipt.of(account.number(), entry.serial(), entry.amount(), payer,
                entry.memo().orElse(null), ReceiptSource.OTHER, entry.subAccount().orElse(null));
        return Command.of("bank:" + account.number() + ":" + entry.serial(), actor, entry.valueDate(), receipt);
    }

    /** The credit lines checked. */
    public long credits() {
        return credits;
    }

    /** The debit lines checked (left to finance). */
    public long debits() {
        return debits;
    }

    /** The credit lines to import. */
    public long toImport() {
        return toImport;
    }

    /** The credit lines already recorded, with the same amount and date. */
    public long alreadyImported() {
        return alreadyImported.size();
    }
}
