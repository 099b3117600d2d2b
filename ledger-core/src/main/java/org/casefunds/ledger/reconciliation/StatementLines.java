package org.casefunds.ledger.reconciliation;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.events.EventKind;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * The lines of a statement, held compactly so that a statement of millions of lines fits in a
 * small heap: numbers in parallel primitive arrays, texts as UTF-8 in 1 MiB chunks, and an
 * open-addressing index from reference to line. A line costs about 60 bytes plus its texts, where
 * a {@link StatementLine} object with its strings and a hash map entry costs several hundred.
 *
 * <p>Each line also carries its matching state, which {@link Reconciliation} updates as the
 * ledger's lines stream past. This class is not thread-safe.
 */
final class StatementLines {
    /** The line is not (yet) matched by a ledger line. */
    static final byte FREE = 0;
    /** A ledger line of the period took the line: matched, or a mismatch already recorded. */
    static final byte TAKEN = 1;
    /** Only a ledger line dated outside the period has the line's reference and amount, so far. */
    static final byte CANDIDATE = 2;

    private static final int CHUNK_BYTES = 1 << 20;
    private static final int CAPACITY_INITIAL = 1024;
    private static final byte DEBIT = 1;
    private static final byte HAS_BALANCE = 2;
    private static final byte IN_PERIOD = 4;
    private static final byte[] EMPTY = new byte[0];

    private int size;
    private int[] lineNumber = new int[CAPACITY_INITIAL];
    private int[] epochDay = new int[CAPACITY_INITIAL];
    private long[] amountMinor = new long[CAPACITY_INITIAL];
    private long[] balanceMinor = new long[CAPACITY_INITIAL];
    private byte[] flags = new byte[CAPACITY_INITIAL];
    private byte[] state = new byte[CAPACITY_INITIAL];
    private int[] referenceHash = new int[CAPACITY_INITIAL];
    /** Where a line's texts start: chunk index in the high 32 bits, offset in the low ones. */
    private long[] textAt = new long[CAPACITY_INITIAL];
    /** The date, event and kind of a {@link #CANDIDATE}'s ledger line. */
    private int[] candidateDay = new int[CAPACITY_INITIAL];
    private long[] candidateSequence = new long[CAPACITY_INITIAL];
    private byte[] candidateKind = new byte[CAPACITY_INITIAL];

    private final List<byte[]> chunks = new ArrayList<>();
    private int chunkUsed = CHUNK_BYTES;
    /** Line index + 1 per slot, 0 for an empty slot; the length is a power of two, at most half full. */
    private int[] slots = new int[2 * CAPACITY_INITIAL];

    int size() {
        return size;
    }

    /** Adds {@code line}; returns its index. The caller has checked its reference is new. */
    int add(StatementLine line, boolean inPeriod) {
        if (size == lineNumber.length) {
            grow();
        }
        int index = size++;
        byte[] reference = utf8(line.reference());
        lineNumber[index] = Math.toIntExact(line.lineNumber());
        epochDay[index] = Math.toIntExact(line.valueDate().toEpochDay());
        amountMinor[index] = line.amount().getAmountMinorLong();
        balanceMinor[index] = line.balanceAfter().map(Money::getAmountMinorLong).orElse(0L);
        flags[index] = (byte) ((line.direction() == Direction.DEBIT ? DEBIT : 0)
                | (line.balanceAfter().isPresent() ? HAS_BALANCE : 0) | (inPeriod ? IN_PERIOD : 0));
        referenceHash[index] = hash(reference);
        textAt[index] = store(reference, utf8(line.counterparty().orElse(null)), utf8(line.memo().orElse(null)));
        insert(index);
        return index;
    }

    /** The index of the line with {@code reference}, or -1. */
    int find(String reference) {
        byte[] wanted = utf8(reference);
        int hash = hash(wanted);
        int mask = slots.length - 1;
        for (int slot = hash & mask; slots[slot] != 0; slot = (slot + 1) & mask) {
            int index = slots[slot] - 1;
            if (referenceHash[index] == hash && referenceEquals(index, wanted)) {
                return index;
            }
        }
        return -1;
    }

    int lineNumber(int index) {
        return lineNumber[index];
    }

    Direction direction(int index) {
        return (flags[index] & DEBIT) != 0 ? Direction.DEBIT : Direction.CREDIT;
    }

    long amountMinor(int index) {
        return amountMinor[index];
    }

    long epochDay(int index) {
        return epochDay[index];
    }

    boolean inPeriod(int index) {
        return (flags[index] & IN_PERIOD) != 0;
    }

    byte state(int index) {
        return state[index];
    }

    void take(int index) {
        state[index] = TAKEN;
    }

    /** Marks the line as a candidate of a ledger line dated outside the period. */
    void candidate(int index, LedgerLine ledger) {
        state[index] = CANDIDATE;
        candidateDay[index] = Math.toIntExact(ledger.valueDate().toEpochDay());
        candidateSequence[index] = ledger.eventSequence();
        candidateKind[index] = (byte) ledger.eventKind().ordinal();
    }

    /** The ledger line a {@link #CANDIDATE} line was marked with. */
    LedgerLine candidateLine(int index, CurrencyUnit currency) {
        return new LedgerLine(text(index, 0), LocalDate.ofEpochDay(candidateDay[index]), direction(index),
                Money.ofMinor(currency, amountMinor[index]), candidateSequence[index],
                EventKind.values()[candidateKind[index]]);
    }

    /** The line at {@code index}, rebuilt. */
    StatementLine line(int index, CurrencyUnit currency) {
        Money balance = (flags[index] & HAS_BALANCE) != 0 ? Money.ofMinor(currency, balanceMinor[index]) : null;
        String counterparty = text(index, 1);
        String memo = text(index, 2);
        return StatementLine.of(lineNumber[index], text(index, 0), LocalDate.ofEpochDay(epochDay[index]),
                direction(index), Money.ofMinor(currency, amountMinor[index]),
                counterparty.isEmpty() ? null : counterparty, memo.isEmpty() ? null : memo, balance);
    }

    private void grow() {
        int capacity = lineNumber.length + (lineNumber.length >> 1);
        lineNumber = Arrays.copyOf(lineNumber, capacity);
        epochDay = Arrays.copyOf(epochDay, capacity);
        amountMinor = Arrays.copyOf(amountMinor, capacity);
        balanceMinor = Arrays.copyOf(balanceMinor, capacity);
        flags = Arrays.copyOf(flags, capacity);
        state = Arrays.copyOf(state, capacity);
        referenceHash = Arrays.copyOf(referenceHash, capacity);
        textAt = Arrays.copyOf(textAt, capacity);
        candidateDay = Arrays.copyOf(candidateDay, capacity);
        candidateSequence = Arrays.copyOf(candidateSequence, capacity);
        candidateKind = Arrays.copyOf(candidateKind, capacity);
    }

    private void insert(int index) {
        if (2 * size > slots.length) {
            // Rebuilt from the stored hashes: the references are never decoded again for it.
            slots = new int[2 * slots.length];
            for (int i = 0; i < index; i++) {
                place(i);
            }
        }
        place(index);
    }

    private void place(int index) {
        int mask = slots.length - 1;
        int slot = referenceHash[index] & mask;
        while (slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = index + 1;
    }

    /** Stores the three texts one after the other, each after its length in two bytes. */
    private long store(byte[]... texts) {
        int length = 0;
        for (byte[] text : texts) {
            length += 2 + text.length;
        }
        if (chunkUsed + length > CHUNK_BYTES) {
            chunks.add(new byte[CHUNK_BYTES]);
            chunkUsed = 0;
        }
        byte[] chunk = chunks.get(chunks.size() - 1);
        long at = ((long) (chunks.size() - 1) << 32) | chunkUsed;
        for (byte[] text : texts) {
            chunk[chunkUsed] = (byte) (text.length >>> 8);
            chunk[chunkUsed + 1] = (byte) text.length;
            System.arraycopy(text, 0, chunk, chunkUsed + 2, text.length);
            chunkUsed += 2 + text.length;
        }
        return at;
    }

    /** The {@code which}-th text of a line (0 reference, 1 counterparty, 2 memo); empty when absent. */
    private String text(int index, int which) {
        byte[] chunk = chunks.get((int) (textAt[index] >>> 32));
        int offset = (int) textAt[index];
        for (int i = 0; i < which; i++) {
            offset += 2 + length(chunk, offset);
        }
        return new String(chunk, offset + 2, length(chunk, offset), StandardCharsets.UTF_8);
    }

    private boolean referenceEquals(int index, byte[] wanted) {
        byte[] chunk = chunks.get((int) (textAt[index] >>> 32));
        int offset = (int) textAt[index];
        int length = length(chunk, offset);
        return length == wanted.length
                && Arrays.equals(chunk, offset + 2, offset + 2 + length, wanted, 0, wanted.length);
    }

    private static int length(byte[] chunk, int offset) {
        return ((chunk[offset] & 0xFF) << 8) | (chunk[offset + 1] & 0xFF);
    }

    private static byte[] utf8(String text) {
        return text == null ? EMPTY : text.getBytes(StandardCharsets.UTF_8);
    }

    /** FNV-1a over the bytes, finished with a mix so that neighbouring serial numbers spread out. */
    private static int hash(byte[] bytes) {
        int hash = 0x811C9DC5;
        for (byte b : bytes) {
            hash = (hash ^ (b & 0xFF)) * 0x01000193;
        }
        hash ^= hash >>> 16;
        hash *= 0x85EBCA6B;
        return hash ^ (hash >>> 13);
    }
}
