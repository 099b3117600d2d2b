package org.casefunds.examples.cli;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.casefunds.ledger.formats.statement.StatementEncoding;
import org.casefunds.ledger.formats.statement.StatementEntry;
import org.casefunds.ledger.formats.statement.StatementField;
import org.casefunds.ledger.formats.statement.StatementFile;
import org.casefunds.ledger.formats.statement.StatementProblems;
import org.casefunds.ledger.state.BankAccount;
import org.casefunds.ledger.state.LedgerView;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options of the commands that read a bank statement, and what they share in reading one. */
final class StatementOptions {
    /** The statement format, for the commands' help. */
    static final String FORMAT_HELP = "%nThe statement: CSV, UTF-8 (a byte-order mark allowed) or GBK; a cell holding"
            + " a comma, a quote or a line break in double quotes. Lines starting with # are comments; the first"
            + " other line is the header. Columns are found by their header, in any order:"
            + "%n  serial       交易流水号, 流水号 (required)"
            + "%n  value_date   起息日, 记账日期, 交易日期 (required)"
            + "%n  credit       贷方发生额, 收入金额 (money in)"
            + "%n  debit        借方发生额, 支出金额 (money out)"
            + "%n  amount       交易金额: signed, or beside direction 借贷标志 (借/贷, D/C)"
            + "%n  balance      余额: the balance after the line (reconcile checks it)"
            + "%n  payer_name   对方户名;  payer_account 对方账号;  payer_bank 对方开户行"
            + "%n  memo         摘要, 附言, 用途 (joined; a case number is looked for in it)"
            + "%n  sub_account  子账号;  currency 币种;  account 本方账号 (the master account)"
            + "%nDates: yyyy-MM-dd, yyyy/MM/dd or yyyyMMdd. Amounts: 65000.00 or 65,000.00, a sign only in the"
            + " signed amount column, never more decimals than the currency has, an exponent or a leading zero."
            + " Other headers: --column FIELD=HEADER, or --mapping FILE of FIELD=HEADER lines"
            + " (Java properties, UTF-8).";

    @Option(names = "--statement", required = true, paramLabel = "CSV", description = "The bank statement (CSV).")
    Path statement;

    @Option(names = "--bank-account", paramLabel = "NO",
            description = "The master account of the statement. Default: the statement's own account column, else"
                    + " the ledger's only active master account.")
    String bankAccount;

    @Option(names = "--encoding", paramLabel = "UTF-8|GBK|auto", defaultValue = "auto",
            converter = EncodingConverter.class,
            description = "The statement's encoding. Default: auto (UTF-8 if every line is valid UTF-8, else GBK).")
    StatementEncoding encoding;

    @Option(names = "--column", paramLabel = "FIELD=HEADER", mapFallbackValue = "",
            description = "The header of a field's column, overriding the built-in ones. Repeatable. Fields: "
                    + "serial, value_date, credit, debit, amount, direction, payer_name, payer_account, payer_bank,"
                    + " memo, sub_account, balance, currency, account.")
    Map<String, String> columns = new LinkedHashMap<>();

    @Option(names = "--mapping", paramLabel = "FILE",
            description = "A file of FIELD=HEADER lines (Java properties, UTF-8; # starts a comment);"
                    + " --column overrides it.")
    Path mapping;

    /** Converts {@code UTF-8}, {@code GBK} and {@code auto}, in any case. */
    static final class EncodingConverter implements CommandLine.ITypeConverter<StatementEncoding> {
        @Override
        public StatementEncoding convert(String value) {
            return StatementEncoding.parse(value);
        }
    }

    /** The headers named by the mapping file and then by {@code --column}, by field. */
    Map<StatementField, String> named() {
        Map<StatementField, String> named = new EnumMap<>(StatementField.class);
        if (mapping != null) {
            mappingFile().forEach((field, header) -> named.put(field(field, "--mapping " + mapping), header));
        }
        columns.forEach((field, header) -> {
            if (header.isBlank()) {
                throw new Casefunds.BadInput("--column " + field + ": give the header as FIELD=HEADER");
            }
            named.put(field(field, "--column"), header);
        });
        return named;
    }

    private Map<String, String> mappingFile() {
        Properties properties = new Properties();
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader reader = new InputStreamReader(Files.newInputStream(mapping), decoder)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new Casefunds.BadInput("cannot read the mapping file " + mapping + ": " + e.getMessage(), e);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted().forEach(name -> fields.put(name,
                properties.getProperty(name)));
        return fields;
    }

    private static StatementField field(String key, String where) {
        return StatementField.byKey(key).orElseThrow(() -> new Casefunds.BadInput(where + ": '" + key
                + "' is not a field; the fields are " + StatementField.keys()));
    }

    /** The statement, opened: its encoding found and its header mapped, or the problems of either. */
    StatementFile open() {
        if (!Files.isRegularFile(statement)) {
            throw new Casefunds.BadInput("there is no statement file at " + statement);
        }
        try {
            return StatementFile.open(statement, encoding, named());
        } catch (IOException e) {
            throw new Casefunds.BadInput("cannot read the statement " + statement + ": " + e.getMessage(), e);
        }
    }

    /**
     * The master account the statement is of: {@code --bank-account}, else the statement's own
     * account column, else the ledger's only active master account.
     */
    BankAccount masterAccount(LedgerView view, StatementFile file) {
        String number = bankAccount;
        String source = "--bank-account";
        if (number == null) {
            number = statedAccount(file).orElse(null);
            source = "the statement's account column";
        }
        if (number == null) {
            List<BankAccount> active = view.bankAccounts().stream().filter(account -> !account.retired())
                    .collect(Collectors.toList());
            if (active.size() != 1) {
                throw new Casefunds.BadInput("the statement does not name its master account and the ledger has "
                        + active.size() + " active ones " + numbers(active) + "; name it with --bank-account NO");
            }
            return active.get(0);
        }
        String wanted = number;
        String from = source;
        return view.bankAccount(wanted).orElseThrow(() -> new Casefunds.BadInput("master account " + wanted
                + " (from " + from + ") is not registered in this ledger; its master accounts are "
                + numbers(view.bankAccounts())));
    }

    private Optional<String> statedAccount(StatementFile file) {
        try {
            return file.statedAccount();
        } catch (IOException e) {
            throw new Casefunds.BadInput("cannot read the statement " + statement + ": " + e.getMessage(), e);
        }
    }

    private static List<String> numbers(List<BankAccount> accounts) {
        return accounts.stream().map(BankAccount::number).collect(Collectors.toList());
    }

    /** The statement's problems, one per line: "line 7, value_date (交易日期) '2025-02-30': ...". */
    static void print(PrintWriter out, StatementProblems problems) {
        out.println("The statement has " + problems.count() + " problem(s); nothing was written:");
        for (StatementProblems.Problem problem : problems.shown()) {
            out.println("  " + problem);
        }
        if (problems.count() > problems.shown().size()) {
            out.println("  ... and " + (problems.count() - problems.shown().size()) + " more");
        }
    }

    /** The problems as JSON values. */
    static List<Map<String, Object>> json(StatementProblems problems) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (StatementProblems.Problem problem : problems.shown()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("line", problem.line());
            if (problem.field() != null) {
                line.put("field", problem.field());
            }
            if (problem.value() != null) {
                line.put("value", problem.value());
            }
            line.put("message", problem.message());
            lines.add(line);
        }
        return lines;
    }

    /** Reads the statement's lines, turning an unreadable file into bad input. */
    static StatementFile.Reading read(StatementFile file, BankAccount account,
            Consumer<StatementEntry> entries) {
        try {
            return file.read(account.currency(), account.number(), entries);
        } catch (IOException e) {
            throw new Casefunds.BadInput("cannot read the statement: " + e.getMessage(), e);
        }
    }
}
