package org.casefunds.ledger.journal;

import static org.casefunds.ledger.testing.Fixtures.ADMINISTRATOR;
import static org.casefunds.ledger.testing.Fixtures.BANK;
import static org.casefunds.ledger.testing.Fixtures.DAY_ONE;
import static org.casefunds.ledger.testing.Fixtures.HANDLER;
import static org.casefunds.ledger.testing.Fixtures.cny;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.accounts.Posting;
import org.casefunds.ledger.approvals.Approval;
import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.commands.Command;
import org.casefunds.ledger.commands.RecordReceipt;
import org.casefunds.ledger.events.Payer;
import org.casefunds.ledger.events.ReceiptSource;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.store.InMemoryJournalStore;
import org.casefunds.ledger.testing.Fixtures;
import org.casefunds.ledger.testing.SequenceHarness;
import org.junit.jupiter.api.Test;

/**
 * Goal: the canonical encoding is stable and exact, and the hash chain catches any change to any
 * event (invariant 5).
 *
 * <p>Method: a golden hash pins the encoding of a fixed journal, so that a renamed or reordered
 * record component cannot slip in unnoticed; every event decodes back to itself; and a property
 * changes one field of one event of a generated journal and checks the verifier names that event.
 */
class HashChainTest {
    /** The sample's receipt: the second event after the opening. */
    private static final int RECEIPT_INDEX = (int) Fixtures.afterOpening(2) - 1;

    /** The clock the golden hash was pinned with: the morning of {@code DAY_ONE} in Beijing. */
    private static final Clock SAMPLE_CLOCK = Clock.fixed(Instant.parse("2025-01-02T01:00:00Z"), ZoneOffset.UTC);

    private static List<Event> sampleJournal() {
        Ledger ledger = Ledger.open(new InMemoryJournalStore(), Policy.defaults(), SAMPLE_CLOCK);
        Fixtures.opening().forEach(ledger::execute);
        ledger.execute(Fixtures.openCase("case-1", HANDLER, 1, DAY_ONE));
        ledger.execute(Command.of("receipt-1", ADMINISTRATOR, DAY_ONE, RecordReceipt.of(BANK, "SN0001",
                cny("65000.00"), Payer.of("债务人1", "62280001", "农业银行"), "还款\\第一笔", ReceiptSource.DEBTOR_PAYMENT,
                Fixtures.subAccount(1))).withMetadata("source-system", "案件管理系统"));
        return ((InMemoryJournalStore) ledger.store()).events();
    }

    @Test
    void theEncodingOfAKnownJournalIsPinnedByItsLastHash() {
        List<Event> events = sampleJournal();
        // If this changes, every journal already written stops verifying: change the format's
        // version (Event.CANONICAL_HEADER) and write a migration instead of editing this value.
        assertEquals("c67928aa6377a4295a6c064ab14d8f95098457068ab234339516433ee669615f", events.get(events.size() - 1).hash(), "golden hash of the sample journal");
    }

    @Test
    void theCanonicalTextIsReadableAndEscapesBackslashes() {
        Event receipt = sampleJournal().get(RECEIPT_INDEX);
        String text = receipt.canonicalText();
        assertTrue(text.startsWith("casefunds-event v1\nsequence=" + (RECEIPT_INDEX + 1) + "\n"), text);
        assertTrue(text.contains("\npayload.type=ReceiptRecorded\n"), text);
        assertTrue(text.contains("\npayload.memo=还款\\\\第一笔\n"), text);
        assertTrue(text.contains("\npostings.0.account=bank:110060001\npostings.0.side=DEBIT\n"
                + "postings.0.amount=CNY 65000.00\n"), text);
        assertTrue(text.contains("\nmetadata.source-system=案件管理系统\n"), text);
        // A case of no division and a receipt write no line for the division: journals written before
        // divisions and the staff register existed keep their text, so their hashes still verify.
        String caseText = sampleJournal().get(RECEIPT_INDEX - 1).canonicalText();
        assertTrue(caseText.contains("\npayload.type=CaseOpened\n") && !caseText.contains("division"), caseText);
    }

    @Test
    void everyEventDecodesBackToItselfAndNonCanonicalTextIsRefused() {
        for (Event event : sampleJournal()) {
            assertEquals(event, Event.decode(event.canonicalText(), event.hash()));
        }
        Event receipt = sampleJournal().get(RECEIPT_INDEX);
        String text = receipt.canonicalText();
        String sequence = "sequence=" + (RECEIPT_INDEX + 1);
        assertThrows(IllegalArgumentException.class, () -> Event.decode(text.replace(sequence, "sequence=0"
                + (RECEIPT_INDEX + 1)),
                receipt.hash()), "a leading zero decodes to the same number but is not canonical");
        assertThrows(IllegalArgumentException.class, () -> Event.decode(text + "extra=1\n", receipt.hash()));
        assertThrows(IllegalArgumentException.class, () -> Event.decode(text.replace("CNY 65000.00",
                "CNY 65000.0"), receipt.hash()));
    }

    @Test
    void theVerifierNamesAChangedEvent() {
        List<Event> events = new ArrayList<>(sampleJournal());
        assertTrue(ChainVerifier.verify(events).ok());
        Event original = events.get(RECEIPT_INDEX);
        Event forged = withPostings(original, List.of(Posting.debit(original.postings().get(0).account(),
                cny("6500.00")), Posting.credit(original.postings().get(1).account(), cny("6500.00"))));
        events.set(RECEIPT_INDEX, forged);
        ChainVerifier.Result result = ChainVerifier.verify(events);
        assertFalse(result.ok());
        assertEquals(RECEIPT_INDEX + 1, result.failure().get().sequence());
        assertTrue(result.failure().get().reason().contains("does not match its hash"), result.toString());
    }

    @Test
    void theVerifierNamesAMissingOrReorderedEvent() {
        List<Event> events = new ArrayList<>(sampleJournal());
        events.remove(2);
        assertEquals(3, ChainVerifier.verify(events).failure().get().sequence());
        List<Event> swapped = new ArrayList<>(sampleJournal());
        swapped.set(1, sampleJournal().get(2));
        swapped.set(2, sampleJournal().get(1));
        assertEquals(2, ChainVerifier.verify(swapped).failure().get().sequence());
    }

    /** Invariant 5, second half: changing any one field of any event fails verification at that event. */
    @Test
    void changingAnyFieldOfAnyEventFailsVerificationAtThatEvent() {
        qt().withExamples(SequenceHarness.examples())
                .forAll(SequenceHarness.scripts(), integers().between(0, 10_000), integers().between(0, 6))
                .checkAssert((script, which, field) -> {
                    InMemoryJournalStore store = new InMemoryJournalStore();
                    new SequenceHarness(() -> store).run(script, EnumSet.noneOf(
                            SequenceHarness.Check.class));
                    List<Event> events = new ArrayList<>(store.events());
                    int index = which % events.size();
                    events.set(index, tamper(events.get(index), field));
                    ChainVerifier.Result result = ChainVerifier.verify(events);
                    assertEquals(index + 1, result.failure().map(ChainVerifier.Failure::sequence).orElse(-1L),
                            "tampering with field " + field + " of event " + (index + 1));
                });
    }

    private static Event tamper(Event event, int field) {
        switch (field) {
            case 0:
                return copy(event, event.effectiveDate().plusDays(1), event.recordedAt(), event.metadata(),
                        event.idempotencyKey());
            case 1:
                return copy(event, event.effectiveDate(), event.recordedAt().plusMillis(1), event.metadata(),
                        event.idempotencyKey());
            case 2:
                return copy(event, event.effectiveDate(), event.recordedAt(), Map.of("note", "added later"),
                        event.idempotencyKey());
            case 3:
                return copy(event, event.effectiveDate(), event.recordedAt(), event.metadata(),
                        event.idempotencyKey() + "x");
            case 4:
                return new Event(event.sequence(), event.id(), event.idempotencyKey(), event.requestDigest(),
                        event.effectiveDate(), event.recordedAt(), Fixtures.AUDITOR, event.approvals(),
                        event.metadata(), event.payload(), event.postings(), event.lotMovements(),
                        event.previousHash(), event.hash());
            case 5:
                return new Event(event.sequence(), event.id(), event.idempotencyKey(), event.requestDigest(),
                        event.effectiveDate(), event.recordedAt(), event.actor(), List.of(Approval.of(
                                "forger", Role.COURT_LEADER)),
                        event.metadata(), event.payload(), event.postings(), event.lotMovements(),
                        event.previousHash(), event.hash());
            default:
                return withPostings(event, List.of(Posting.debit(AccountId.bank(BANK),
                        cny("0.01")), Posting.credit(AccountId.COURT_FEES,
                        cny("0.01"))));
        }
    }

    private static Event copy(Event event, LocalDate date, Instant recordedAt, Map<String, String> metadata,
            String key) {
        return new Event(event.sequence(), event.id(), key, event.requestDigest(), date, recordedAt, event.actor(),
                event.approvals(), metadata, event.payload(), event.postings(), event.lotMovements(),
                event.previousHash(), event.hash());
    }

    private static Event withPostings(Event event, List<Posting> postings) {
        return new Event(event.sequence(), event.id(), event.idempotencyKey(), event.requestDigest(),
                event.effectiveDate(), event.recordedAt(), event.actor(), event.approvals(), event.metadata(),
                event.payload(), postings, event.lotMovements(), event.previousHash(), event.hash());
    }
}
