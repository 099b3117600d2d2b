package org.casefunds.ledger.formats.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.accounts.Side;
import org.casefunds.ledger.cases.CaseNumber;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goal: the hledger names of accounts and amounts are those the export documents, case numbers stay
 * readable, and any key hledger could misread is escaped one-to-one.
 *
 * <p>Method: names and amounts of every kind of account compared with their documented text; keys
 * with separators, spaces and {@code %} escaped, then given to hledger (where installed), which must
 * list exactly the names written.
 */
class HledgerNamesTest {
    @TempDir
    Path folder;

    @Test
    void everyAccountOfTheChartHasItsDocumentedName() {
        assertEquals("assets:bank:110060001", HledgerNames.account(AccountId.bank("110060001")));
        assertEquals("liabilities:case:（2025）京02执123号",
                HledgerNames.account(AccountId.ofCase(CaseNumber.parse("(2025)京02执123"))));
        assertEquals("liabilities:case:（2015）京二中执字第123号",
                HledgerNames.account(AccountId.ofCase(CaseNumber.parse("（2015）京二中执字第123号"))));
        assertEquals("liabilities:unidentified:110060001", HledgerNames.account(AccountId.unidentified("110060001")));
        assertEquals("liabilities:payouts-in-transit", HledgerNames.account(AccountId.PAYOUTS_IN_TRANSIT));
        assertEquals("liabilities:refunds-in-transit", HledgerNames.account(AccountId.REFUNDS_IN_TRANSIT));
        assertEquals("liabilities:deposits-in-transit", HledgerNames.account(AccountId.DEPOSITS_IN_TRANSIT));
        assertEquals("income:court-fees", HledgerNames.account(AccountId.COURT_FEES));
        assertEquals("Cash", HledgerNames.type(AccountId.bank("1")));
        assertEquals("Liability", HledgerNames.type(AccountId.PAYOUTS_IN_TRANSIT));
        assertEquals("Revenue", HledgerNames.type(AccountId.COURT_FEES));
    }

    @Test
    void charactersHledgerWouldMisreadAreEscapedOneToOne() {
        assertEquals("a%3Ab%20%20c%25d%3Be%28f%29%5Bg%5D%09h", HledgerNames.escapeKey("a:b  c%d;e(f)[g]\th"));
        // A full-width space is a space to hledger; full-width parentheses and Chinese are not.
        assertEquals("（2025）京%E3%80%80执", HledgerNames.escapeKey("（2025）京\u3000执"));
        assertEquals("AZ-az_09.", HledgerNames.escapeKey("AZ-az_09."));
        assertNotEquals(HledgerNames.escapeKey("a:b"), HledgerNames.escapeKey("a%3Ab"), "two keys never merge");
        assertEquals("a%3Bb %253B c", HledgerNames.escapeDescription("a;b %3B c"));
    }

    @Test
    void amountsHaveTheCurrencysDecimalsAndHledgersSign() {
        CurrencyUnit cny = CurrencyUnit.of("CNY");
        assertEquals("1000.00 CNY", HledgerNames.commodityFormat(cny));
        assertEquals("1000. JPY", HledgerNames.commodityFormat(CurrencyUnit.of("JPY")));
        assertEquals("1000.000 KWD", HledgerNames.commodityFormat(CurrencyUnit.of("KWD")));
        Money amount = Money.parse("CNY 65000.00");
        assertEquals("65000.00 CNY", HledgerNames.posting(Side.DEBIT, amount));
        assertEquals("-65000.00 CNY", HledgerNames.posting(Side.CREDIT, amount));
        assertEquals("65000.00 CNY", HledgerNames.balance(AccountId.bank("1"), amount));
        assertEquals("-65000.00 CNY", HledgerNames.balance(AccountId.COURT_FEES, amount));
        assertEquals("0.00 CNY", HledgerNames.balance(AccountId.PAYOUTS_IN_TRANSIT, Money.zero(cny)));
        assertEquals("0 JPY", HledgerNames.zero(CurrencyUnit.of("JPY")));
    }

    @Test
    void hledgerReadsEscapedNamesAsWritten() throws IOException {
        HledgerProcess.assumeInstalled();
        List<AccountId> accounts = List.of(AccountId.bank("12 34:56"), AccountId.unidentified("(x)  ;y"),
                AccountId.ofCase(CaseNumber.parse("（2024）鄂0102执恢45号")));
        StringBuilder journal = new StringBuilder("decimal-mark .\ncommodity " + HledgerNames.commodityFormat(
                CurrencyUnit.of("CNY")) + "\n");
        accounts.forEach(account -> journal.append("account ").append(HledgerNames.account(account)).append('\n'));
        journal.append("\n2025-03-03 test | a;b\n");
        Money amount = Money.parse("CNY 10.00");
        journal.append("    ").append(HledgerNames.account(accounts.get(0))).append("  ")
                .append(HledgerNames.posting(Side.DEBIT, amount)).append('\n');
        journal.append("    ").append(HledgerNames.account(accounts.get(1))).append("  ")
                .append(HledgerNames.posting(Side.CREDIT, amount.minus(Money.parse("CNY 4.00")))).append('\n');
        journal.append("    ").append(HledgerNames.account(accounts.get(2))).append("  ")
                .append(HledgerNames.posting(Side.CREDIT, Money.parse("CNY 4.00"))).append('\n');
        Path file = folder.resolve("names.journal");
        Files.writeString(file, journal, StandardCharsets.UTF_8);

        HledgerProcess.Result check = HledgerProcess.check(file);
        assertEquals(0, check.exitCode(), check::describe);
        HledgerProcess.Result listed = HledgerProcess.run("-f", file.toString(), "accounts");
        assertEquals(0, listed.exitCode(), listed::describe);
        assertEquals(accounts.stream().map(HledgerNames::account).sorted().toList(),
                listed.out().lines().sorted().toList(), "hledger lists exactly the names written, no more");
    }
}
