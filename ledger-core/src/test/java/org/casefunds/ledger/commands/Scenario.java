package org.casefunds.ledger.commands;

import org.casefunds.ledger.staff.StaffMember;
import org.casefunds.ledger.commands.RegisterStaff;
import org.casefunds.ledger.commands.GrantRole;
import org.casefunds.ledger.approvals.Role;
import static org.casefunds.ledger.testing.Fixtures.ADMINISTRATOR;
import static org.casefunds.ledger.testing.Fixtures.BANK;
import static org.casefunds.ledger.testing.Fixtures.BY_HEAD;
import static org.casefunds.ledger.testing.Fixtures.CLOCK;
import static org.casefunds.ledger.testing.Fixtures.CNY;
import static org.casefunds.ledger.testing.Fixtures.DAY_ONE;
import static org.casefunds.ledger.testing.Fixtures.FINANCE;
import static org.casefunds.ledger.testing.Fixtures.HANDLER;
import static org.casefunds.ledger.testing.Fixtures.caseNumber;
import static org.casefunds.ledger.testing.Fixtures.cny;
import static org.casefunds.ledger.testing.Fixtures.creditorAccount;
import static org.casefunds.ledger.testing.Fixtures.subAccount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.accounts.AccountBalance;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.accounts.AccountKind;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.LedgerException;
import org.casefunds.ledger.events.Payer;
import org.casefunds.ledger.events.ReceiptSource;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.state.LedgerView;
import org.casefunds.ledger.store.InMemoryJournalStore;
import org.casefunds.ledger.testing.Fixtures;
import org.casefunds.ledger.testing.InvariantsAfterEachTest;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;
import org.junit.jupiter.api.function.Executable;

/**
 * A ledger of the test court (opened on {@link Fixtures#DAY_ONE}, with a CNY and a USD master
 * account) and short ways to write the commands the example tests repeat, plus the one assertion
 * every refusal goes through: {@link #assertRefused}.
 *
 * <p>Days are numbered from 1: {@code day(1)} is {@code DAY_ONE} (Thursday 2025-01-02),
 * {@code day(2)} is 2025-01-03, and so on. Commands issue on calendar days; no command of the
 * ledger consults the working-day calendar, so weekends do not matter here.
 */
final class Scenario {
    /** The CNY master account. */
    static final AccountId BANK_CNY = AccountId.bank(BANK);
    /** Unidentified receipts on the CNY master account. */
    static final AccountId UNIDENTIFIED = AccountId.unidentified(BANK);

    final Ledger ledger;

    private Scenario(Ledger ledger) {
        InvariantsAfterEachTest.track(ledger);
        this.ledger = ledger;
    }

    /** The test court's ledger under the default policy. */
    static Scenario opened() {
        return new Scenario(Fixtures.openedLedger());
    }

    /** The test court's ledger under {@code policy}. */
    static Scenario opened(Policy policy) {
        Ledger ledger = Ledger.open(new InMemoryJournalStore(), policy, CLOCK);
        for (Command command : Fixtures.opening()) {
            ledger.execute(command);
        }
        return new Scenario(ledger);
    }

    /** Registers {@code personId} on day 1 and grants each of {@code roles} from then on. */
    Scenario hire(String personId, Role... roles) {
        StaffCommands.hire(Fixtures.STAFF_ADMIN, Fixtures.BY_SECOND_STAFF_ADMIN, DAY_ONE,
                StaffMember.of(personId, personId, "no-" + personId), roles).forEach(ledger::execute);
        return this;
    }

    /** Day {@code n} of the scenarios, from 1 = {@code DAY_ONE}. */
    static LocalDate day(int n) {
        return DAY_ONE.plusDays(n - 1L);
    }

    /** The account of the {@code n}-th case. */
    static AccountId caseAccount(int n) {
        return AccountId.ofCase(caseNumber(n));
    }

    CommandResult run(Command command) {
        return ledger.execute(command);
    }

    /** Opens case {@code n} for {@link Fixtures#HANDLER} on day 1 under key {@code case-n}. */
    Scenario withCase(int n) {
        return withCase(n, 1);
    }

    /** Opens case {@code n} for {@link Fixtures#HANDLER} on day {@code day}, key {@code case-n}. */
    Scenario withCase(int n, int day) {
        run(Fixtures.openCase("case-" + n, HANDLER, n, day(day)));
        return this;
    }

    /** A receipt paid to the sub-account of case {@code n}; bank reference {@code SN-<key>}. */
    static Command receipt(String key, int day, String amount, int caseN) {
        Payer debtor = Payer.of("债务人" + caseN, "6228" + caseN, "农业银行北京分行");
        return Command.of(key, ADMINISTRATOR, day(day), RecordReceipt.of(BANK, "SN-" + key,
                cny(amount), debtor, null, ReceiptSource.DEBTOR_PAYMENT, subAccount(caseN)));
    }

    /** A receipt without sub-account, case number or memo: it waits as unidentified. */
    static Command unidentifiedReceipt(String key, int day, String amount) {
        Payer stranger = Payer.of("张三", "62170001", "建设银行北京分行");
        return Command.of(key, ADMINISTRATOR, day(day), RecordReceipt.of(BANK, "SN-" + key,
                cny(amount), stranger, null, ReceiptSource.OTHER, null));
    }

    /** A payout notice of case {@code n} to its confirmed creditor, approved by the head. */
    static Command notice(String key, int day, int caseN, String amount) {
        return Command.of(key, HANDLER, day(day),
                IssuePayoutNotice.of(caseNumber(caseN), creditorAccount(caseN), cny(amount)))
                .approvedBy(BY_HEAD);
    }

    /** Finance records the bank's payment of {@code disbursement}, bank reference OUT-key. */
    static Command settle(String key, int day, String disbursement) {
        return Command.of(key, FINANCE, day(day),
                new SettleDisbursement(disbursement, "OUT-" + key));
    }

    /** Runs {@link #receipt}. */
    CommandResult receive(String key, int day, String amount, int caseN) {
        return run(receipt(key, day, amount, caseN));
    }

    /** The posted CNY balance of {@code account} now. */
    Money balance(AccountId account) {
        return ledger.view().balance(account, CNY);
    }

    /** The CNY figures (posted, pending, available) of {@code account} now. */
    AccountBalance figures(AccountId account) {
        return ledger.view().balanceOf(account, CNY);
    }

    LedgerView view() {
        return ledger.view();
    }

    /** A copy of the journal. */
    List<Event> journal() {
        return journal(ledger);
    }

    static List<Event> journal(Ledger ledger) {
        return ((InMemoryJournalStore) ledger.store()).events();
    }

    /** {@code "CNY <amount>"}: how a {@link Money} value reads in a refusal's value. */
    static String money(String amount) {
        return cny(amount).toString();
    }

    /**
     * Asserts that {@code command} is refused with exactly this exception class, code and field,
     * a value containing {@code valueFragment}, a message containing {@code messageFragment}, and
     * that the journal is unchanged. A null {@code field} or {@code valueFragment} means the
     * refusal names no field or no value.
     *
     * @return the refusal, for further checks
     */
    static <T extends LedgerException> T assertRefused(Ledger ledger, Command command,
            Class<T> type, ErrorCode code, String field, String valueFragment,
            String messageFragment) {
        List<Event> before = journal(ledger);
        long lastSequence = ledger.view().lastSequence();
        LedgerException refusal = null;
        try {
            CommandResult result = ledger.execute(command);
            fail("expected " + code + " but the command was applied as event "
                    + result.event().sequence() + " (" + result.event().kind() + ")");
        } catch (LedgerException e) {
            refusal = e;
        }
        assertRefusal(refusal, type, code, field, valueFragment, messageFragment);
        assertEquals(before, journal(ledger), "a refused command leaves the journal unchanged");
        assertEquals(lastSequence, ledger.view().lastSequence(), "and the state unchanged");
        return type.cast(refusal);
    }

    /** {@link #assertRefused} on this scenario's ledger. */
    <T extends LedgerException> T refuses(Command command, Class<T> type, ErrorCode code,
            String field, String valueFragment, String messageFragment) {
        return assertRefused(ledger, command, type, code, field, valueFragment, messageFragment);
    }

    /**
     * Asserts that making a request or value throws the given refusal; such a refusal happens
     * before any command exists, so the journal of {@code ledger} is shown unchanged too.
     */
    static <T extends LedgerException> T assertRefusedAtConstruction(Ledger ledger,
            Executable construction, Class<T> type, ErrorCode code, String field,
            String valueFragment, String messageFragment) {
        int length = journal(ledger).size();
        LedgerException refusal = null;
        try {
            construction.execute();
            fail("expected " + code + " at construction");
        } catch (LedgerException e) {
            refusal = e;
        } catch (Throwable other) {
            fail("expected a " + type.getSimpleName() + " but got " + other, other);
        }
        assertRefusal(refusal, type, code, field, valueFragment, messageFragment);
        assertEquals(length, journal(ledger).size(), "the journal length is unchanged");
        return type.cast(refusal);
    }

    private static void assertRefusal(LedgerException refusal,
            Class<? extends LedgerException> type, ErrorCode code, String field,
            String valueFragment, String messageFragment) {
        assertNotNull(refusal);
        String described = refusal.getClass().getSimpleName() + " " + refusal.code() + ": "
                + refusal.getMessage();
        assertEquals(type, refusal.getClass(), described);
        assertEquals(code, refusal.code(), described);
        assertEquals(Optional.ofNullable(field), refusal.field(), "field of " + described);
        if (valueFragment == null) {
            assertEquals(Optional.empty(), refusal.value(), "value of " + described);
        } else {
            assertTrue(refusal.value().isPresent(), "a value in " + described);
            assertTrue(refusal.value().get().contains(valueFragment),
                    "value '" + refusal.value().get() + "' should contain '" + valueFragment + "'");
        }
        assertNotNull(refusal.getMessage());
        assertTrue(refusal.getMessage().contains(messageFragment),
                "message should contain '" + messageFragment + "': " + refusal.getMessage());
        if (field != null) {
            assertTrue(refusal.getMessage().startsWith(field + " "),
                    "the message names the field first: " + refusal.getMessage());
        }
    }

    /**
     * The control identity of docs/design.md §3 on a list of balances, per currency: Σ bank = Σ case +
     * Σ unidentified + Σ in-transit + Σ court-fees not yet swept.
     */
    static void assertControlIdentity(List<AccountBalance> balances) {
        for (CurrencyUnit currency : List.of(CNY, Fixtures.USD)) {
            Money bank = Money.zero(currency);
            Money others = Money.zero(currency);
            for (AccountBalance balance : balances) {
                if (!balance.posted().getCurrencyUnit().equals(currency)) {
                    continue;
                }
                if (balance.account().kind() == AccountKind.BANK) {
                    bank = bank.plus(balance.posted());
                } else {
                    others = others.plus(balance.posted());
                }
            }
            assertEquals(bank, others, "control identity in " + currency + ": " + balances);
        }
        assertFalse(balances.stream().anyMatch(balance -> balance.posted().isNegative()),
                "no account below zero: " + balances);
    }

    /** The CNY figures of {@code account} in {@code balances}, zero if it is not listed. */
    static AccountBalance find(List<AccountBalance> balances, AccountId account) {
        return balances.stream().filter(balance -> balance.account().equals(account)
                && balance.posted().getCurrencyUnit().equals(CNY)).findFirst()
                .orElse(new AccountBalance(account, Money.zero(CNY), Money.zero(CNY),
                        Money.zero(CNY)));
    }
}
