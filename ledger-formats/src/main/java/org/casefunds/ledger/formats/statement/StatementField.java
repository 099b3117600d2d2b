package org.casefunds.ledger.formats.statement;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The fields of a bank statement line, each with the column headers Chinese and English statements
 * commonly give it, in order of preference: when a statement has two of them (交易日期 and 起息日,
 * say), the first listed wins. Headers are compared after {@link #normalize}: case, spaces,
 * underscores and a trailing unit such as {@code (元)} do not matter.
 */
public enum StatementField {
    /** The bank's serial number of the transaction: the receipt's bank reference. Required. */
    SERIAL("serial", "交易流水号", "流水号", "银行流水号", "交易序号", "交易参考号", "serial", "serial no", "serial number",
            "reference", "bank reference", "transaction id"),
    /** The value date. Required. */
    VALUE_DATE("value_date", "起息日", "起息日期", "value date", "记账日期", "入账日期", "交易日期", "booking date", "date"),
    /** Money in; with {@link #DEBIT}, one of the two on each line. */
    CREDIT("credit", "贷方发生额", "贷方金额", "收入金额", "收入", "存入金额", "credit", "credit amount"),
    /** Money out. */
    DEBIT("debit", "借方发生额", "借方金额", "支出金额", "支出", "支取金额", "debit", "debit amount"),
    /** One signed amount (positive in, negative out), or unsigned with {@link #DIRECTION}. */
    AMOUNT("amount", "交易金额", "发生额", "金额", "amount"),
    /** 借/贷 or D/C beside {@link #AMOUNT}. */
    DIRECTION("direction", "借贷标志", "借贷方向", "收支标志", "收付方向", "方向", "direction", "dc", "d/c"),
    /** Who paid or was paid. */
    PAYER_NAME("payer_name", "对方户名", "对方账户名称", "对方账户名", "对方名称", "付款人名称", "付款人", "payer name",
            "counterparty", "counterparty name"),
    /** Their account. */
    PAYER_ACCOUNT("payer_account", "对方账号", "对方账户", "付款人账号", "payer account", "counterparty account"),
    /** Their bank. */
    PAYER_BANK("payer_bank", "对方开户行", "对方开户银行", "对方行名", "对方银行", "付款人开户行", "payer bank",
            "counterparty bank"),
    /** The memo; every memo-like column the statement has is kept, joined in file order. */
    MEMO("memo", "摘要", "附言", "用途", "备注", "memo", "remark", "remarks", "purpose", "description"),
    /** The sub-account (一案一账号) the money was paid to. */
    SUB_ACCOUNT("sub_account", "子账号", "子账户", "二级子账号", "虚拟账号", "收款子账号", "sub account", "sub account no"),
    /** The account's balance after the line. */
    BALANCE("balance", "余额", "账户余额", "交易后余额", "balance"),
    /** The currency; it must be the master account's. */
    CURRENCY("currency", "币种", "币别", "货币", "currency"),
    /** The master account the statement is of. */
    ACCOUNT("account", "本方账号", "本方账户", "账号", "account", "account no", "account number");

    private final String key;
    private final List<String> headers;

    StatementField(String key, String... headers) {
        this.key = key;
        this.headers = Arrays.stream(headers).map(StatementField::normalize).collect(Collectors.toUnmodifiableList());
    }

    /** The field's name in {@code --column FIELD=HEADER} and in a mapping file. */
    public String key() {
        return key;
    }

    /** The headers recognised without a mapping, normalised, most preferred first. */
    public List<String> headers() {
        return headers;
    }

    /** The field named {@code key} ({@code serial}, {@code value_date}, ...), if there is one. */
    public static Optional<StatementField> byKey(String key) {
        String wanted = key.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(field -> field.key.equals(wanted)).findFirst();
    }

    /** Every field's key, for messages. */
    public static String keys() {
        return Arrays.stream(values()).map(StatementField::key).collect(Collectors.joining(", "));
    }

    /**
     * A header as it is compared: without a byte-order mark, surrounding space or a trailing unit in
     * brackets ({@code 金额(元)}, {@code 余额（CNY）}), lower case, with runs of spaces, underscores and
     * hyphens as one underscore.
     */
    public static String normalize(String header) {
        String text = header.replace("\uFEFF", "").strip();
        text = text.replaceFirst("[(（][^()（）]*[)）]$", "").strip();
        return text.toLowerCase(Locale.ROOT).replaceAll("[\\s\\u3000_\\-]+", "_");
    }
}
