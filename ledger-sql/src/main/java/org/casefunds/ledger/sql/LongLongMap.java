package org.casefunds.ledger.sql;

import java.util.Arrays;

/**
 * A map from long to long in two arrays (open addressing, linear probing): what the audit keeps
 * per lot and per account-day, a million entries or more, in tens of megabytes rather than the
 * hundreds that boxed maps would take.
 *
 * <p>This class is not thread-safe.
 */
final class LongLongMap {
    private static final long EMPTY = Long.MIN_VALUE;

    private long[] keys;
    private long[] values;
    private int size;

    LongLongMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[capacity];
        values = new long[capacity];
        Arrays.fill(keys, EMPTY);
    }

    int size() {
        return size;
    }

    private int slot(long key) {
        long mixed = key * 0x9E3779B97F4A7C15L;
        int mask = keys.length - 1;
        int slot = (int) (mixed ^ (mixed >>> 32)) & mask;
        while (keys[slot] != EMPTY && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    boolean containsKey(long key) {
        return keys[slot(key)] == key;
    }

    /** The value of {@code key}, or {@code absent}. */
    long get(long key, long absent) {
        int slot = slot(key);
        return keys[slot] == key ? values[slot] : absent;
    }

    void put(long key, long value) {
        if (key == EMPTY) {
            throw new IllegalArgumentException("the key " + key + " is reserved");
        }
        int slot = slot(key);
        if (keys[slot] == EMPTY) {
            keys[slot] = key;
            size++;
        }
        values[slot] = value;
        if (size * 2 > keys.length) {
            grow();
        }
    }

    void add(long key, long delta) {
        put(key, get(key, 0) + delta);
    }

    /** Calls {@code visitor} with every entry, in no particular order. */
    void forEach(Visitor visitor) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                visitor.visit(keys[i], values[i]);
            }
        }
    }

    /** What {@link #forEach} calls. */
    @FunctionalInterface
    interface Visitor {
        void visit(long key, long value);
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new long[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }
}
