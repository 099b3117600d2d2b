package org.casefunds.ledger.formats.statement;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which columns of a statement hold which field: the headers named by the user first, else the
 * built-in headers of {@link StatementField}. Every field maps to one column, except the memo,
 * which gathers every memo-like column (摘要, 附言, 用途, ...) unless the user names one.
 */
final class Columns {
    private final Map<StatementField, List<Integer>> at;
    private final List<String> headers;

    private Columns(Map<StatementField, List<Integer>> at, List<String> headers) {
        this.at = at;
        this.headers = headers;
    }

    /**
     * The columns of a statement whose header line (line {@code line}) holds {@code headers};
     * missing or unknown columns are added to {@code problems}, and then the result is empty.
     */
    static Optional<Columns> map(List<String> headers, Map<StatementField, String> named, long line,
            StatementProblems problems) {
        List<String> normalized = headers.stream().map(StatementField::normalize).collect(Collectors.toList());
        long before = problems.count();
        Map<StatementField, List<Integer>> at = new EnumMap<>(StatementField.class);
        for (StatementField field : StatementField.values()) {
            List<Integer> columns = named.containsKey(field) ? named(field, named.get(field), normalized, line,
                    problems, headers) : builtIn(field, normalized);
            if (!columns.isEmpty()) {
                at.put(field, columns);
            }
        }
        for (StatementField required : List.of(StatementField.SERIAL, StatementField.VALUE_DATE)) {
            if (!at.containsKey(required) && !named.containsKey(required)) {
                problems.add(line, required.key(), null, missing(required, headers));
            }
        }
        boolean twoColumns = at.containsKey(StatementField.CREDIT) || at.containsKey(StatementField.DEBIT);
        if (twoColumns) {
            // Credit and debit columns say the direction themselves; an amount column beside them is not used.
            at.remove(StatementField.AMOUNT);
            at.remove(StatementField.DIRECTION);
        } else if (!at.containsKey(StatementField.AMOUNT) && !named.containsKey(StatementField.AMOUNT)) {
            problems.add(line, "credit/debit/amount", null, "no column for the amounts: give credit and debit"
                    + " columns (" + String.join(", ", StatementField.CREDIT.headers()) + "; "
                    + String.join(", ", StatementField.DEBIT.headers()) + ") or one signed amount column ("
                    + String.join(", ", StatementField.AMOUNT.headers()) + "); the headers are " + headers
                    + "; or name them with --column credit=HEADER");
        }
        return problems.count() == before ? Optional.of(new Columns(at, List.copyOf(headers))) : Optional.empty();
    }

    private static List<Integer> named(StatementField field, String header, List<String> normalized, long line,
            StatementProblems problems, List<String> headers) {
        int index = normalized.indexOf(StatementField.normalize(header));
        if (index < 0) {
            problems.add(line, field.key(), header, "no column has this header; the headers are " + headers);
            return List.of();
        }
        return List.of(index);
    }

    private static List<Integer> builtIn(StatementField field, List<String> normalized) {
        if (field == StatementField.MEMO) {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < normalized.size(); i++) {
                if (field.headers().contains(normalized.get(i))) {
                    all.add(i);
                }
            }
            return all;
        }
        for (String header : field.headers()) {
            int index = normalized.indexOf(header);
            if (index >= 0) {
                return List.of(index);
            }
        }
        return List.of();
    }

    private static String missing(StatementField field, List<String> headers) {
        return "no column for this field: the headers are " + headers + ", and a " + field.key()
                + " column is headed one of " + field.headers() + "; or name it with --column " + field.key()
                + "=HEADER";
    }

    /** Whether the statement has a column for {@code field}. */
    boolean has(StatementField field) {
        return at.containsKey(field);
    }

    /** The columns of {@code field}, in file order; empty when the statement has none. */
    List<Integer> of(StatementField field) {
        return at.getOrDefault(field, Collections.emptyList());
    }

    /** The header of column {@code index}. */
    String header(int index) {
        return headers.get(index);
    }

    /** How many columns the header line has. */
    int width() {
        return headers.size();
    }
}
