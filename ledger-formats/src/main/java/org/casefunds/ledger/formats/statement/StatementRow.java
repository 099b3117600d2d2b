package org.casefunds.ledger.formats.statement;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVRecord;
import org.casefunds.ledger.base.Limits;
import org.casefunds.ledger.cases.BankDetails;
import org.casefunds.ledger.commands.Request;
import org.casefunds.ledger.reconciliation.Direction;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * One record of a statement file turned into an entry, or into problems: each bad cell is one
 * problem naming the line, the field (with its header) and the value, so that a line with a bad
 * date and a bad amount reports both.
 */
final class StatementRow {
    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n\\t]+");
    private final CSVRecord record;
    private final long line;
    private final Columns columns;
    private final CurrencyUnit currency;
    private final String account;
    private final StatementProblems problems;
    private final long problemsBefore;

    StatementRow(CSVRecord record, long line, Columns columns, CurrencyUnit currency, String account,
            StatementProblems problems) {
        this.record = record;
        this.line = line;
        this.columns = columns;
        this.currency = currency;
        this.account = account;
        this.problems = problems;
        this.problemsBefore = problems.count();
    }

    /** Whether every cell of the record is blank: such a line is skipped, as an empty one is. */
    static boolean blank(CSVRecord record) {
        for (String value : record.values()) {
            if (!value.isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** The entry, or empty when the record is blank or has problems (added to the problems). */
    Optional<StatementEntry> entry() {
        if (blank(record)) {
            return Optional.empty();
        }
        checkWidth();
        String serial = text(StatementField.SERIAL, Limits.BANK_REFERENCE_LENGTH_MAX, true);
        LocalDate valueDate = date();
        Direction[] direction = new Direction[1];
        Money amount = amount(direction);
        Optional<Money> balance = optionalAmount(StatementField.BALANCE);
        checkCurrency();
        Optional<String> statedAccount = Optional.ofNullable(text(StatementField.ACCOUNT,
                Limits.ACCOUNT_NUMBER_LENGTH_MAX, false));
        statedAccount.filter(stated -> !stated.equals(account)).ifPresent(stated -> problem(StatementField.ACCOUNT,
                stated, "is not the master account " + account + " this statement is read for"));
        String payerName = text(StatementField.PAYER_NAME, Limits.ACCOUNT_HOLDER_LENGTH_MAX, false);
        String payerAccount = text(StatementField.PAYER_ACCOUNT, Limits.ACCOUNT_NUMBER_LENGTH_MAX, false);
        String payerBank = text(StatementField.PAYER_BANK, Limits.ACCOUNT_HOLDER_LENGTH_MAX, false);
        String memo = memo();
        String subAccount = text(StatementField.SUB_ACCOUNT, Limits.ACCOUNT_NUMBER_LENGTH_MAX, false);
        if (problems.count() > problemsBefore) {
            return Optional.empty();
        }
        return Optional.of(new StatementEntry(line, serial, valueDate, direction[0], amount,
                Optional.ofNullable(payerName), Optional.ofNullable(payerAccount), Optional.ofNullable(payerBank),
                Optional.ofNullable(memo), Optional.ofNullable(subAccount), balance, statedAccount));
    }

    private void checkWidth() {
        for (int i = columns.width(); i < record.size(); i++) {
            if (!record.get(i).isBlank()) {
                problems.add(line, null, null, "has " + record.size() + " cells but the header has " + columns.width()
                        + "; is a comma inside a cell without double quotes around it?");
                return;
            }
        }
    }

    /**
     * The cell's text, stripped. Line breaks and tabs inside a quoted cell become one space: the
     * ledger keeps a memo on one line, and a bank's export wraps long memos.
     */
    private String cell(int column) {
        return column < record.size() ? LINE_BREAKS.matcher(record.get(column)).replaceAll(" ").strip() : "";
    }

    private String cell(StatementField field) {
        List<Integer> at = columns.of(field);
        return at.isEmpty() ? "" : cell(at.get(0));
    }

    private String name(StatementField field) {
        List<Integer> at = columns.of(field);
        return at.isEmpty() ? field.key() : field.key() + " (" + columns.header(at.get(0)) + ")";
    }

    private void problem(StatementField field, String value, String message) {
        problems.add(line, name(field), value, message);
    }

    /** A text cell, checked for its length and for control characters; null when blank. */
    private String text(StatementField field, int lengthMax, boolean required) {
        String value = cell(field);
        if (value.isEmpty()) {
            if (required) {
                problem(field, null, "is missing: every line needs one");
            }
            return null;
        }
        return checkedText(field, value, lengthMax);
    }

    /** {@code value} if it fits {@code lengthMax} and holds no control character; else null, and a problem. */
    private String checkedText(StatementField field, String value, int lengthMax) {
        try {
            return StatementValues.text(value, lengthMax);
        } catch (StatementValues.BadValue bad) {
            problem(field, abbreviate(value), bad.getMessage());
            return null;
        }
    }

    private static String abbreviate(String value) {
        return value.length() > 60 ? value.substring(0, 57) + "..." : value;
    }

    private LocalDate date() {
        String value = cell(StatementField.VALUE_DATE);
        if (value.isEmpty()) {
            problem(StatementField.VALUE_DATE, null, "is missing: every line needs its value date");
            return null;
        }
        try {
            return StatementValues.date(value);
        } catch (StatementValues.BadValue bad) {
            problem(StatementField.VALUE_DATE, value, bad.getMessage());
            return null;
        }
    }

    /** The line's amount and, through {@code direction}, which way it moved. */
    private Money amount(Direction[] direction) {
        if (columns.has(StatementField.CREDIT) || columns.has(StatementField.DEBIT)) {
            return creditOrDebit(direction);
        }
        String value = cell(StatementField.AMOUNT);
        Money signed = parse(StatementField.AMOUNT, value, true);
        if (signed == null) {
            return null;
        }
        if (signed.isZero()) {
            problem(StatementField.AMOUNT, value, "is zero: a line moves money");
            return null;
        }
        if (!columns.has(StatementField.DIRECTION)) {
            direction[0] = signed.isPositive() ? Direction.CREDIT : Direction.DEBIT;
            return signed.abs();
        }
        String stated = cell(StatementField.DIRECTION);
        try {
            direction[0] = StatementValues.direction(stated);
        } catch (StatementValues.BadValue bad) {
            problem(StatementField.DIRECTION, stated.isEmpty() ? null : stated, stated.isEmpty()
                    ? "is missing: the direction column says which way each amount went" : bad.getMessage());
            return null;
        }
        if (signed.isNegative() && direction[0] == Direction.CREDIT) {
            problem(StatementField.AMOUNT, value, "is negative but the direction says money in (" + stated + ")");
            return null;
        }
        return signed.abs();
    }

    private Money creditOrDebit(Direction[] direction) {
        long before = problems.count();
        Money credit = optionalPositive(StatementField.CREDIT);
        Money debit = optionalPositive(StatementField.DEBIT);
        if (problems.count() > before) {
            return null;
        }
        if (credit == null && debit == null) {
            problems.add(line, "credit/debit", null, "the line has neither a credit nor a debit amount");
            return null;
        }
        if (credit != null && debit != null) {
            problems.add(line, "credit/debit", credit.getAmount() + " / " + debit.getAmount(),
                    "the line has both a credit and a debit amount; a line moves money one way");
            return null;
        }
        direction[0] = credit != null ? Direction.CREDIT : Direction.DEBIT;
        return credit != null ? credit : debit;
    }

    /** A credit or debit cell: null when blank or zero (the other column holds the amount). */
    private Money optionalPositive(StatementField field) {
        String value = cell(field);
        if (value.isEmpty()) {
            return null;
        }
        if (StatementValues.signed(value)) {
            problem(field, value, "has a sign: the " + field.key() + " column holds amounts without one");
            return null;
        }
        Money amount = parse(field, value, false);
        if (amount == null) {
            return null;
        }
        return amount.isZero() ? null : amount;
    }

    private Optional<Money> optionalAmount(StatementField field) {
        String value = cell(field);
        return value.isEmpty() ? Optional.empty() : Optional.ofNullable(parse(field, value, false));
    }

    private Money parse(StatementField field, String value, boolean required) {
        if (value.isEmpty()) {
            if (required) {
                problem(field, null, "is missing: every line needs its amount");
            }
            return null;
        }
        try {
            return StatementValues.amount(value, currency);
        } catch (StatementValues.BadValue bad) {
            problem(field, value, bad.getMessage());
            return null;
        }
    }

    private void checkCurrency() {
        String value = cell(StatementField.CURRENCY);
        if (value.isEmpty()) {
            return;
        }
        try {
            CurrencyUnit stated = StatementValues.currency(value);
            if (!stated.equals(currency)) {
                problem(StatementField.CURRENCY, value, "is not " + currency + ", the currency of master account "
                        + account);
            }
        } catch (StatementValues.BadValue bad) {
            problem(StatementField.CURRENCY, value, bad.getMessage());
        }
    }

    /** The memo columns' texts, in file order, joined by " / "; null when all are blank. */
    private String memo() {
        List<String> parts = new ArrayList<>();
        for (int column : columns.of(StatementField.MEMO)) {
            String part = cell(column);
            if (!part.isEmpty() && !parts.contains(part)) {
                parts.add(part);
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        return checkedText(StatementField.MEMO, String.join(" / ", parts), Limits.FREE_TEXT_LENGTH_MAX);
    }
}
