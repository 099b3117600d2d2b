package org.casefunds.ledger.formats.export;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.accounts.AccountKind;
import org.casefunds.ledger.accounts.Side;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * How the ledger's accounts, amounts and descriptions are written in an hledger journal.
 *
 * <p>Account names: {@code assets:bank:<no>}, {@code liabilities:case:<case number>},
 * {@code liabilities:unidentified:<no>}, {@code liabilities:payouts-in-transit},
 * {@code liabilities:refunds-in-transit}, {@code liabilities:deposits-in-transit},
 * {@code income:court-fees}. A key (bank account or case number) keeps every letter and digit of
 * any script, {@code - . _}, and every other non-ASCII character that is not a space or a control,
 * so canonical case numbers such as {@code （2025）京02执123号} (full-width parentheses, Chinese)
 * appear as they are: hledger 1.25 reads them. Every other character is percent-encoded as its
 * UTF-8 bytes ({@code %3A} for {@code :}, {@code %20} for a space, {@code %25} for {@code %}):
 * hledger would read {@code :} as a sub-account, two spaces as the end of the name, {@code ;} as a
 * comment and brackets as a virtual posting. Encoding {@code %} too keeps the mapping one-to-one,
 * so two accounts never merge. Today's keys never need it (bank accounts are {@code [0-9A-Za-z-]},
 * case numbers canonical); it protects the export from a future key.
 *
 * <p>Descriptions: {@code ;} would start a comment, so it is written {@code %3B} (and {@code %} as
 * {@code %25}).
 */
final class HledgerNames {
    private HledgerNames() {
    }

    /** hledger's name of {@code account}. */
    static String account(AccountId account) {
        AccountKind kind = account.kind();
        String name = top(kind.type()) + ":" + kind.prefix();
        return kind.keyed() ? name + ":" + escapeKey(account.key()) : name;
    }

    /** hledger's account type of {@code account}, as its account directive declares it. */
    static String type(AccountId account) {
        // The bank accounts are cash: hledger's Cash type (a kind of Asset, since 1.25) shows them in cashflow.
        switch (account.kind().type()) {
            case ASSET:
                return "Cash";
            case LIABILITY:
                return "Liability";
            case INCOME:
                return "Revenue";
            default:
                throw new AssertionError(account.kind().type());
        }
    }

    private static String top(AccountKind.Type type) {
        switch (type) {
            case ASSET:
                return "assets";
            case LIABILITY:
                return "liabilities";
            case INCOME:
                return "income";
            default:
                throw new AssertionError(type);
        }
    }

    /** {@code key} with every character hledger could misread in an account name percent-encoded. */
    static String escapeKey(String key) {
        StringBuilder escaped = new StringBuilder(key.length());
        key.codePoints().forEach(codePoint -> {
            if (keptInKey(codePoint)) {
                escaped.appendCodePoint(codePoint);
            } else {
                percentEncode(codePoint, escaped);
            }
        });
        return escaped.toString();
    }

    private static boolean keptInKey(int codePoint) {
        if (codePoint < 0x80) {
            return Character.isLetterOrDigit(codePoint) || codePoint == '-' || codePoint == '.' || codePoint == '_';
        }
        int type = Character.getType(codePoint);
        return !Character.isWhitespace(codePoint) && !Character.isSpaceChar(codePoint)
                && type != Character.CONTROL && type != Character.FORMAT && type != Character.SURROGATE
                && type != Character.PRIVATE_USE && type != Character.UNASSIGNED;
    }

    /** {@code text} as a transaction description: {@code ;} and {@code %} percent-encoded. */
    static String escapeDescription(String text) {
        return text.replace("%", "%25").replace(";", "%3B");
    }

    private static void percentEncode(int codePoint, StringBuilder out) {
        for (byte each : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
            out.append(String.format("%%%02X", each & 0xFF));
        }
    }

    /** The commodity directive's sample amount: {@code 1000.00} for two decimals, {@code 1000.} for none. */
    static String commodityFormat(CurrencyUnit currency) {
        // hledger 1.25 refuses a commodity directive without a decimal mark, even for a currency without decimals.
        return "1000." + "0".repeat(Math.max(0, currency.getDecimalPlaces())) + " " + currency.getCode();
    }

    /** A posting's amount: debits positive, credits negative, with the currency's decimals. */
    static String posting(Side side, Money amount) {
        return amount(side == Side.DEBIT ? amount.getAmount() : amount.getAmount().negate(), amount.getCurrencyUnit());
    }

    /**
     * A balance in hledger's sign: the ledger keeps balances on the account's normal side, hledger
     * as debits minus credits, so a liability or income balance is negated.
     */
    static String balance(AccountId account, Money balance) {
        BigDecimal value = account.kind().normalSide() == Side.DEBIT ? balance.getAmount()
                : balance.getAmount().negate();
        return amount(value, balance.getCurrencyUnit());
    }

    /** Zero in {@code currency}, as the amount of a posting that only asserts a balance. */
    static String zero(CurrencyUnit currency) {
        return amount(Money.zero(currency).getAmount(), currency);
    }

    private static String amount(BigDecimal value, CurrencyUnit currency) {
        // Money already has the currency's scale: setScale without a rounding mode throws rather than round.
        return value.setScale(Math.max(0, currency.getDecimalPlaces())).toPlainString() + " " + currency.getCode();
    }
}
