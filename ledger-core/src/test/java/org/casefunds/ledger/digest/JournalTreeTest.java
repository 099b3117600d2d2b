package org.casefunds.ledger.digest;

import static org.casefunds.ledger.testing.Fixtures.ADMINISTRATOR;
import static org.casefunds.ledger.testing.Fixtures.BANK;
import static org.casefunds.ledger.testing.Fixtures.DAY_ONE;
import static org.casefunds.ledger.testing.Fixtures.HANDLER;
import static org.casefunds.ledger.testing.Fixtures.cny;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.commands.Command;
import org.casefunds.ledger.commands.RecordReceipt;
import org.casefunds.ledger.events.Payer;
import org.casefunds.ledger.events.ReceiptSource;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.store.InMemoryJournalStore;
import org.casefunds.ledger.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Goal: a digest pins a journal's events: the same journal, and the same journal with events
 * appended, check against it; a journal one of whose events was rewritten, with every later hash
 * made to follow, does not, and the rewritten event is named when the digest's event hashes were
 * kept; an event is proven to be among those a digest covered.
 *
 * <p>Method: a small court in memory; the rewrite changes one event's metadata and seals it and
 * every later event again, so that the rewritten chain verifies on its own.
 */
class JournalTreeTest {
    private static final Instant NOW = Instant.parse("2025-01-03T09:30:15.123Z");

    private static Ledger court(int receipts) {
        Ledger ledger = Fixtures.openedLedger();
        ledger.execute(Fixtures.openCase("case-1", HANDLER, 1, DAY_ONE));
        for (int i = 1; i <= receipts; i++) {
            receipt(ledger, i);
        }
        return ledger;
    }

    private static void receipt(Ledger ledger, int i) {
        ledger.execute(Command.of("receipt-" + i, ADMINISTRATOR, DAY_ONE, RecordReceipt.of(BANK, "SN" + i,
                cny("100.00"), Payer.of("债务人1", "62280001", "农业银行"), "还款", ReceiptSource.DEBTOR_PAYMENT,
                Fixtures.subAccount(1))));
    }

    private static List<Event> events(Ledger ledger) {
        return ((InMemoryJournalStore) ledger.store()).events();
    }

    /** The journal with event {@code sequence}'s metadata changed and every later event sealed again after it. */
    static List<String> rewritten(List<Event> events, int sequence) {
        List<String> hashes = new ArrayList<>();
        String previous = Event.GENESIS_HASH;
        for (Event event : events) {
            Event again = event;
            if (event.sequence() == sequence) {
                again = copy(event, Map.of("note", "written later"), previous).sealed();
            } else if (event.sequence() > sequence) {
                again = copy(event, event.metadata(), previous).sealed();
            }
            hashes.add(again.hash());
            previous = again.hash();
        }
        return hashes;
    }

    private static Event copy(Event event, Map<String, String> metadata, String previousHash) {
        return new Event(event.sequence(), event.id(), event.idempotencyKey(), event.requestDigest(),
                event.effectiveDate(), event.recordedAt(), event.actor(), event.approvals(), metadata, event.payload(),
                event.postings(), event.lotMovements(), previousHash, "");
    }

    @Test
    void theDigestNamesTheCourtTheHeadAndTheRoot() {
        Ledger ledger = court(3);
        JournalTree tree = JournalTree.read(ledger.store());
        JournalDigest digest = tree.digest(NOW);
        List<Event> events = events(ledger);
        assertEquals(Fixtures.COURT, digest.court());
        assertEquals(events.size(), digest.sequence());
        assertEquals(ledger.view().lastHash(), digest.headHash());
        HexFormat hex = HexFormat.of();
        assertEquals(MerkleTree.ofLeaves(events.stream().map(event -> hex.parseHex(event.hash())).toList()).root(),
                digest.merkleRoot(), "the leaves are the events' hashes, decoded");
        assertEquals(Instant.parse("2025-01-03T09:30:15Z"), digest.madeAt(), "to the second");
        assertEquals("casefunds-digest v1\ncourt=京02\nsequence=" + events.size() + "\nheadHash=" + digest.headHash()
                + "\nmerkleRoot=" + digest.merkleRoot() + "\nmadeAt=2025-01-03T09:30:15Z\n", digest.canonicalText());
    }

    @Test
    void theSameJournalAndALongerOneCheckAgainstTheDigest() {
        Ledger ledger = court(3);
        JournalDigest digest = JournalTree.read(ledger.store()).digest(NOW);
        DigestCheck same = JournalTree.read(ledger.store()).check(digest, Optional.empty());
        assertTrue(same.ok(), same.detail());
        receipt(ledger, 4);
        receipt(ledger, 5);
        JournalTree longer = JournalTree.read(ledger.store());
        DigestCheck check = longer.check(digest, Optional.of(JournalTree.of(Fixtures.COURT,
                events(ledger).subList(0, (int) digest.sequence()).stream().map(Event::hash).toList())));
        assertTrue(check.ok(), check.detail());
        assertEquals(digest.sequence() + 2, check.journalSequence());
        assertEquals(ledger.view().lastHash(), check.journalHeadHash());
    }

    @Test
    void aRewrittenEventIsNamedWhenTheHashesWereKept() {
        Ledger ledger = court(4);
        List<Event> events = events(ledger);
        JournalTree original = JournalTree.read(ledger.store());
        JournalDigest digest = original.digest(NOW);
        List<String> kept = events.stream().map(Event::hash).toList();
        for (int sequence = 1; sequence <= events.size(); sequence++) {
            JournalTree forged = JournalTree.of(Fixtures.COURT, rewritten(events, sequence));
            assertFalse(forged.headHash().equals(digest.headHash()));
            DigestCheck named = forged.check(digest, Optional.of(JournalTree.of(Fixtures.COURT, kept)));
            assertFalse(named.ok());
            assertEquals(sequence, named.firstDifferentEvent().getAsLong(), named.detail());
            assertTrue(named.detail().startsWith("event " + sequence + " is not the event the digest covered"),
                    named.detail());
            DigestCheck unnamed = forged.check(digest, Optional.empty());
            assertFalse(unnamed.ok());
            assertTrue(unnamed.firstDifferentEvent().isEmpty());
            assertTrue(unnamed.detail().contains("cannot be named"), unnamed.detail());
        }
    }

    @Test
    void removedEventsAreNamed() {
        Ledger ledger = court(3);
        List<String> kept = events(ledger).stream().map(Event::hash).toList();
        JournalDigest digest = JournalTree.read(ledger.store()).digest(NOW);
        DigestCheck check = JournalTree.of(Fixtures.COURT, kept.subList(0, kept.size() - 2)).check(digest,
                Optional.of(JournalTree.of(Fixtures.COURT, kept)));
        assertFalse(check.ok());
        assertEquals(kept.size() - 1, check.firstDifferentEvent().getAsLong());
        assertTrue(check.detail().contains("were removed"), check.detail());
    }

    @Test
    void aDigestOfAnotherCourtOrHashesThatAreNotItsOwnAreRefused() {
        Ledger ledger = court(2);
        JournalTree tree = JournalTree.read(ledger.store());
        JournalDigest other = new JournalDigest("京03", tree.size(), tree.headHash(), tree.tree().root(), NOW);
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> tree.check(other, Optional.empty()));
        assertEquals("court", refused.field().orElseThrow());
        assertTrue(refused.getMessage().startsWith("court '京03': the digest is of court 京03, this ledger is of court"
                + " 京02"), refused.getMessage());
        JournalDigest digest = tree.digest(NOW);
        List<String> hashes = new ArrayList<>(events(ledger).stream().map(Event::hash).toList());
        hashes.set(1, hashes.get(2));
        refused = assertThrows(InvalidInputException.class, () -> tree.check(digest,
                Optional.of(JournalTree.of(Fixtures.COURT, hashes))));
        assertEquals("eventHashes", refused.field().orElseThrow());
    }

    @Test
    void anEventIsProvenAgainstTheDigestAndALaterOneIsRefused() {
        Ledger ledger = court(3);
        JournalDigest digest = JournalTree.read(ledger.store()).digest(NOW);
        receipt(ledger, 4);
        JournalTree later = JournalTree.read(ledger.store());
        HexFormat hex = HexFormat.of();
        for (long sequence = 1; sequence <= digest.sequence(); sequence++) {
            InclusionProof proof = later.inclusionProof(sequence, digest);
            assertEquals(digest.sequence(), proof.treeSize());
            assertTrue(proof.verifyLeaf(hex.parseHex(later.eventHash(sequence)), digest.merkleRoot()), "event "
                    + sequence);
        }
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> later.inclusionProof(digest.sequence() + 1, digest));
        assertEquals("sequence", refused.field().orElseThrow());
        assertTrue(refused.getMessage().contains("the digest covers events 1 to " + digest.sequence()),
                refused.getMessage());
    }

    @Test
    void anEmptyOrUnopenedJournalHasNoDigest() {
        JournalTree empty = JournalTree.read(new InMemoryJournalStore());
        assertEquals(0, empty.size());
        assertEquals(Event.GENESIS_HASH, empty.headHash());
        assertEquals(MerkleTree.EMPTY_ROOT, empty.tree().root());
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> empty.digest(NOW));
        assertEquals("court", refused.field().orElseThrow());
    }
}
