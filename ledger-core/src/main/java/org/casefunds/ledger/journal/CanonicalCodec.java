package org.casefunds.ledger.journal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.casefunds.ledger.base.TextValue;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * The canonical text encoding of events and commands: the bytes that the hash chain and the
 * idempotency digest are computed over, and the form in which stores keep events.
 *
 * <h2>The format (version 1)</h2>
 * UTF-8 text, one field per line, each line {@code path=value} and ending in a line feed. The first
 * line is a header naming what is encoded and the version ({@code casefunds-event v1}). Then the
 * components of the record, in declaration order:
 * <ul>
 *   <li>a nested record writes its components with its path and a dot as prefix
 *       ({@code actor.id=li.ming});</li>
 *   <li>a component whose type is a sealed interface first writes {@code path.type=SimpleClassName},
 *       then the components of the actual record;</li>
 *   <li>a list or set writes {@code path.size=N}, then each element at {@code path.0},
 *       {@code path.1}, ...; a set is written in ascending order;</li>
 *   <li>a map (text to text) writes {@code path.size=N}, then {@code path.KEY=VALUE} in ascending
 *       key order;</li>
 *   <li>an empty {@link Optional} writes nothing; a present one writes its value at its path;</li>
 *   <li>scalars: text as is; integers in decimal; {@code true}/{@code false}; dates
 *       {@code 2025-03-04}; instants {@code 2025-03-04T08:15:30.120Z} ({@link Instant#toString()});
 *       money {@code CNY 1234.50}; currencies {@code CNY}; enums by name; UUIDs in their usual
 *       form; {@link TextValue}s by {@code toString()}.</li>
 * </ul>
 * In values, a backslash is written {@code \\}, a line feed {@code \n}, a carriage return
 * {@code \r}, and any other control character {@code \}{@code uXXXX}.
 *
 * <p>Decoding is strict: an unknown, missing, repeated or out-of-order line is an error, and
 * {@code encode(decode(text))} is checked to give back exactly {@code text}, so any changed byte
 * either breaks decoding or changes the hash.
 *
 * <p>Renaming or reordering a record component changes the encoding of every event that holds it
 * and so breaks the verification of journals already written: a golden-hash test guards it.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class CanonicalCodec {
    private static final Map<Type, Node> NODES = new ConcurrentHashMap<>();
    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    });

    private CanonicalCodec() {
    }

    /** Encodes {@code value}, a record, under the given header line; never null. */
    public static String encode(String header, Record value) {
        return encode(header, value, Set.of());
    }

    /** Encodes {@code value} leaving out the named top-level components. */
    public static String encode(String header, Record value, Set<String> excludedComponents) {
        Writer writer = new Writer();
        writer.out.append(header).append('\n');
        ((RecordNode) node(value.getClass())).writeComponents(writer, value, excludedComponents);
        return writer.out.toString();
    }

    /** The SHA-256 of {@code text}'s UTF-8 bytes, as 64 lower-case hex digits. */
    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The SHA-256 of {@code bytes}, as 64 lower-case hex digits. */
    public static String sha256(byte[] bytes) {
        MessageDigest digest = SHA_256.get();
        digest.reset();
        return HEX.formatHex(digest.digest(bytes));
    }

    /**
     * Decodes text written by {@link #encode(String, Record, Set)} back into a record of {@code type};
     * components left out when encoding are given by {@code supplied}.
     *
     * @throws IllegalArgumentException saying which line is wrong, if the text is not canonical
     */
    public static <T extends Record> T decode(
            String text, String header, Class<T> type, Map<String, Object> supplied) {
        Reader reader = Reader.parse(text, header);
        T value = type.cast(((RecordNode) node(type)).readComponents(reader, supplied));
        reader.requireAllUsed();
        // Strict decoding alone would accept values that a constructor normalises; encoding the
        // result again and comparing proves the text is the one canonical form of the value.
        String again = encode(header, value, supplied.keySet());
        if (!again.equals(text)) {
            throw new IllegalArgumentException("the text decodes but is not in canonical form "
                    + "(first difference at character " + firstDifference(again, text) + ")");
        }
        return value;
    }

    /**
     * Decodes like {@link #decode} but without encoding the result again to compare: for text whose
     * hash has just been checked against a stored hash, where any changed byte has already been found.
     */
    static <T extends Record> T decodeHashed(String text, String header, Class<T> type, Map<String, Object> supplied) {
        Reader reader = Reader.parse(text, header);
        T value = type.cast(((RecordNode) node(type)).readComponents(reader, supplied));
        reader.requireAllUsed();
        return value;
    }

    private static int firstDifference(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            if (a.charAt(i) != b.charAt(i)) {
                return i;
            }
        }
        return n;
    }

    // ---------------------------------------------------------------- the plan of a type

    /**
     * How values of one declared type are written and read. Plans are made once per type from its
     * record components and generic types, so that encoding does no reflection on types.
     */
    private abstract static class Node {
        abstract void write(Writer writer, Object value);

        abstract Object read(Reader reader);
    }

    private static Node node(Type type) {
        Node node = NODES.get(type);
        if (node == null) {
            node = plan(type);
            NODES.putIfAbsent(type, node);
        }
        return node;
    }

    private static Node plan(Type type) {
        Class<?> raw = rawType(type);
        if (raw == Optional.class) {
            return new OptionalNode(typeArgument(type, 0));
        }
        if (raw == List.class) {
            return new ListNode(typeArgument(type, 0), false);
        }
        if (Set.class.isAssignableFrom(raw)) {
            return new ListNode(typeArgument(type, 0), true);
        }
        if (Map.class.isAssignableFrom(raw)) {
            return new MapNode(rawType(typeArgument(type, 0)), rawType(typeArgument(type, 1)));
        }
        if (raw.isSealed() && raw.isInterface()) {
            return new SealedNode(raw);
        }
        if (raw.isRecord() && !TextValue.class.isAssignableFrom(raw)) {
            return new RecordNode(raw);
        }
        return new ScalarNode(raw);
    }

    /**
     * The plan of a type, made on first use: a plan that holds plans of its parts gets them lazily, so
     * that planning a type never recurses into itself.
     */
    private static final class LazyNode {
        private final Type type;
        private volatile Node node;

        LazyNode(Type type) {
            this.type = type;
        }

        Node get() {
            Node found = node;
            if (found == null) {
                found = node(type);
                node = found;
            }
            return found;
        }
    }

    /** An optional value: nothing when empty, else the value at the same path. */
    private static final class OptionalNode extends Node {
        private final LazyNode inner;

        OptionalNode(Type inner) {
            this.inner = new LazyNode(inner);
        }

        @Override
        void write(Writer writer, Object value) {
            Optional<?> optional = (Optional<?>) value;
            if (optional.isPresent()) {
                inner.get().write(writer, optional.get());
            }
        }

        @Override
        Object read(Reader reader) {
            return reader.presentAtPath() ? Optional.of(inner.get().read(reader)) : Optional.empty();
        }
    }

    /** A list, or a set written in ascending order of its elements' text. */
    private static final class ListNode extends Node {
        private final LazyNode element;
        private final boolean set;

        ListNode(Type element, boolean set) {
            this.element = new LazyNode(element);
            this.set = set;
        }

        @Override
        void write(Writer writer, Object value) {
            Collection<?> elements = set ? sorted((Set<?>) value) : (List<?>) value;
            writer.line(".size", Integer.toString(elements.size()));
            Node each = element.get();
            int index = 0;
            for (Object item : elements) {
                int mark = writer.enter(index++);
                each.write(writer, item);
                writer.leave(mark);
            }
        }

        @Override
        Object read(Reader reader) {
            int size = reader.size();
            List<Object> elements = new ArrayList<>(size);
            Node each = element.get();
            for (int i = 0; i < size; i++) {
                int mark = reader.enter(i);
                elements.add(each.read(reader));
                reader.leave(mark);
            }
            if (!set) {
                return Collections.unmodifiableList(elements);
            }
            return Collections.unmodifiableSortedSet(new TreeSet<>(elements));
        }
    }

    private static Collection<?> sorted(Set<?> set) {
        List<Object> elements = new ArrayList<>(set);
        elements.sort((a, b) -> scalar(a).compareTo(scalar(b)));
        return elements;
    }

    /**
     * A map of scalars (text to text, or an enum to a number, say), written in ascending order of
     * the keys' text.
     */
    private static final class MapNode extends Node {
        private final ScalarNode key;
        private final ScalarNode value;
        private final boolean text;

        MapNode(Class<?> keyType, Class<?> valueType) {
            this.key = new ScalarNode(keyType);
            this.value = new ScalarNode(valueType);
            this.text = keyType == String.class && valueType == String.class;
        }

        @Override
        void write(Writer writer, Object map) {
            SortedMap<String, String> lines = new TreeMap<>();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) map).entrySet()) {
                lines.put(scalar(entry.getKey()), scalar(entry.getValue()));
            }
            writer.line(".size", Integer.toString(lines.size()));
            for (Map.Entry<String, String> entry : lines.entrySet()) {
                writer.line("." + entry.getKey(), entry.getValue());
            }
        }

        @Override
        Object read(Reader reader) {
            int size = reader.size();
            SortedMap<String, String> lines = reader.takeEntries(size);
            if (text) {
                return Collections.unmodifiableSortedMap(lines);
            }
            Map<Object, Object> values = new LinkedHashMap<>();
            for (Map.Entry<String, String> entry : lines.entrySet()) {
                values.put(key.parseScalar(reader, entry.getKey()), value.parseScalar(reader, entry.getValue()));
            }
            return Collections.unmodifiableMap(values);
        }
    }

    private static final class SealedNode extends Node {
        private final Map<String, Class<?>> byName = new HashMap<>();

        SealedNode(Class<?> sealed) {
            for (Class<?> permitted : sealed.getPermittedSubclasses()) {
                byName.put(permitted.getSimpleName(), permitted);
            }
        }

        @Override
        void write(Writer writer, Object value) {
            writer.line(".type", value.getClass().getSimpleName());
            ((RecordNode) node(value.getClass())).write(writer, value);
        }

        @Override
        Object read(Reader reader) {
            String name = reader.take(".type");
            Class<?> type = byName.get(name);
            if (type == null) {
                throw new IllegalArgumentException(reader.path() + ".type: unknown kind '" + name + "'");
            }
            return ((RecordNode) node(type)).read(reader);
        }
    }

    /** A record: its components in declaration order, each at its path under the record's. */
    private static final class RecordNode extends Node {
        private final String[] names;
        private final String[] dottedNames;
        private final Type[] types;
        private final MethodHandle[] accessors;
        private final Constructor<?> constructor;
        private volatile Node[] nodes;

        RecordNode(Class<?> type) {
            if (!type.isRecord()) {
                throw new IllegalArgumentException(type.getName() + " is not a record");
            }
            if (!Modifier.isPublic(type.getModifiers())) {
                throw new IllegalArgumentException(type.getName() + " must be public");
            }
            RecordComponent[] components = type.getRecordComponents();
            names = new String[components.length];
            dottedNames = new String[components.length];
            types = new Type[components.length];
            accessors = new MethodHandle[components.length];
            Class<?>[] classes = new Class<?>[components.length];
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            try {
                for (int i = 0; i < components.length; i++) {
                    names[i] = components[i].getName();
                    dottedNames[i] = "." + names[i];
                    types[i] = components[i].getGenericType();
                    classes[i] = components[i].getType();
                    accessors[i] = lookup.unreflect(components[i].getAccessor())
                            .asType(MethodType.methodType(Object.class, Object.class));
                }
                constructor = type.getDeclaredConstructor(classes);
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("cannot encode " + type.getName()
                        + ": it must be a public record", e);
            }
        }

        /** The components' plans, made on first use so that recursive types do not recurse here. */
        private Node[] nodes() {
            Node[] found = nodes;
            if (found == null) {
                found = new Node[types.length];
                for (int i = 0; i < types.length; i++) {
                    found[i] = node(types[i]);
                }
                nodes = found;
            }
            return found;
        }

        @Override
        void write(Writer writer, Object value) {
            Node[] plan = nodes();
            for (int i = 0; i < plan.length; i++) {
                int mark = writer.enter(dottedNames[i]);
                plan[i].write(writer, get(i, value));
                writer.leave(mark);
            }
        }

        /** The top level: components without a leading dot, some left out. */
        void writeComponents(Writer writer, Object value, Set<String> excluded) {
            Node[] plan = nodes();
            for (int i = 0; i < plan.length; i++) {
                if (!excluded.isEmpty() && excluded.contains(names[i])) {
                    continue;
                }
                int mark = writer.enter(names[i]);
                plan[i].write(writer, get(i, value));
                writer.leave(mark);
            }
        }

        @Override
        Object read(Reader reader) {
            Node[] plan = nodes();
            Object[] arguments = new Object[plan.length];
            for (int i = 0; i < plan.length; i++) {
                int mark = reader.enter(dottedNames[i]);
                arguments[i] = plan[i].read(reader);
                reader.leave(mark);
            }
            return construct(arguments);
        }

        Object readComponents(Reader reader, Map<String, Object> supplied) {
            Node[] plan = nodes();
            Object[] arguments = new Object[plan.length];
            for (int i = 0; i < plan.length; i++) {
                if (supplied.containsKey(names[i])) {
                    arguments[i] = supplied.get(names[i]);
                    continue;
                }
                int mark = reader.enter(names[i]);
                arguments[i] = plan[i].read(reader);
                reader.leave(mark);
            }
            return construct(arguments);
        }

        private Object get(int index, Object record) {
            Object value;
            try {
                value = accessors[index].invokeExact(record);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
            if (value == null) {
                throw new IllegalArgumentException(names[index] + " is null; use Optional for absent values");
            }
            return value;
        }

        private Object construct(Object[] arguments) {
            try {
                return constructor.newInstance(arguments);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw new IllegalArgumentException("the decoded values are refused: "
                        + e.getCause().getMessage(), e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A value written on one line. */
    private static final class ScalarNode extends Node {
        /** Slots of the cache of parsed text values: a power of two. */
        private static final int CACHE_SLOTS = 1 << 14;

        private final Class<?> type;
        private final MethodHandle parse;
        /**
         * Text values (case numbers, account names) parsed lately, one per slot by the text's hash:
         * a journal names the same cases and accounts again and again, and they are immutable values,
         * so a slot may be read and replaced by any thread.
         */
        private final Parsed[] parsed;

        /** A text and the value parsed from it. */
        private record Parsed(String text, Object value) {
        }

        ScalarNode(Class<?> type) {
            this.type = type;
            MethodHandle found = null;
            if (TextValue.class.isAssignableFrom(type)) {
                try {
                    found = MethodHandles.publicLookup().findStatic(type, "parse",
                            MethodType.methodType(type, String.class));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalArgumentException(type.getName() + " needs a public static parse(String)", e);
                }
            }
            this.parse = found;
            this.parsed = found == null ? null : new Parsed[CACHE_SLOTS];
        }

        private Object parseTextValue(String text) throws Throwable {
            int slot = text.hashCode() & (CACHE_SLOTS - 1);
            Parsed known = parsed[slot];
            if (known != null && known.text().equals(text)) {
                return known.value();
            }
            Object value = parse.invoke(text);
            parsed[slot] = new Parsed(text, value);
            return value;
        }

        @Override
        void write(Writer writer, Object value) {
            writer.line("", scalar(value));
        }

        @Override
        Object read(Reader reader) {
            return parseScalar(reader, reader.take(""));
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private Object parseScalar(Reader reader, String text) {
            try {
                if (type == String.class) {
                    return text;
                } else if (type == long.class || type == Long.class) {
                    return Long.parseLong(text);
                } else if (type == int.class || type == Integer.class) {
                    return Integer.parseInt(text);
                } else if (type == boolean.class || type == Boolean.class) {
                    if (!text.equals("true") && !text.equals("false")) {
                        throw new IllegalArgumentException("not a boolean");
                    }
                    return Boolean.parseBoolean(text);
                } else if (type == LocalDate.class) {
                    return parseDate(text);
                } else if (type == Instant.class) {
                    return parseInstant(text);
                } else if (type == Money.class) {
                    return parseMoney(text);
                } else if (type == CurrencyUnit.class) {
                    return CurrencyUnit.of(text);
                } else if (type == UUID.class) {
                    return UUID.fromString(text);
                } else if (type.isEnum()) {
                    return Enum.valueOf((Class<? extends Enum>) type, text);
                } else if (parse != null) {
                    return parseTextValue(text);
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(reader.path() + ": '" + text + "' is not a valid "
                        + type.getSimpleName(), e);
            } catch (Throwable e) {
                throw new IllegalArgumentException(reader.path() + ": '" + text + "' is not a valid "
                        + type.getSimpleName(), e);
            }
            throw new IllegalArgumentException(reader.path() + ": no canonical form for " + type.getName());
        }
    }

    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

    /** A date written {@code 2025-03-04}: read by hand in that one form, else by {@link LocalDate#parse}. */
    private static LocalDate parseDate(String text) {
        if (text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            if (year >= 0 && month >= 0 && day >= 0) {
                return LocalDate.of(year, month, day);
            }
        }
        return LocalDate.parse(text);
    }

    /**
     * An instant written as {@link Instant#toString()} writes the ledger's (to the second or the
     * millisecond, in UTC): read by hand in those two forms, else by {@link Instant#parse}.
     */
    private static Instant parseInstant(String text) {
        int length = text.length();
        if ((length == 20 || length == 24) && text.charAt(10) == 'T' && text.charAt(length - 1) == 'Z'
                && text.charAt(13) == ':' && text.charAt(16) == ':' && (length == 20 || text.charAt(19) == '.')) {
            int hour = digits(text, 11, 13);
            int minute = digits(text, 14, 16);
            int second = digits(text, 17, 19);
            int millis = length == 24 ? digits(text, 20, 23) : 0;
            if (hour >= 0 && minute >= 0 && second >= 0 && millis >= 0) {
                Instant instant = parseDate(text.substring(0, 10)).atTime(hour, minute, second, millis * 1_000_000)
                        .toInstant(ZoneOffset.UTC);
                // Instant.toString leaves out a zero fraction: such text is not the canonical form.
                if (length == 20 || millis != 0) {
                    return instant;
                }
            }
        }
        return Instant.parse(text);
    }

    /** The number written by the ASCII digits of {@code text} from {@code from} to {@code to}, or -1. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * Money written {@code CNY 1234.50}, exactly as {@link #money(Money)} writes it: read by hand into
     * minor units, else (any other form) by {@link Money#parse}.
     */
    private static Money parseMoney(String text) {
        if (text.length() > 4 && text.charAt(3) == ' ') {
            CurrencyUnit currency = CurrencyUnit.of(text.substring(0, 3));
            int scale = currency.getDecimalPlaces();
            int start = text.charAt(4) == '-' ? 5 : 4;
            int point = scale == 0 ? text.length() : text.length() - scale - 1;
            if (scale >= 0 && scale <= 6 && point > start && point - start <= 15
                    && (scale == 0 || text.charAt(point) == '.')) {
                long whole = 0;
                boolean valid = point - start == 1 || text.charAt(start) != '0';
                for (int i = start; i < point && valid; i++) {
                    char c = text.charAt(i);
                    valid = c >= '0' && c <= '9';
                    whole = whole * 10 + (c - '0');
                }
                long fraction = 0;
                for (int i = point + 1; i < text.length() && valid; i++) {
                    char c = text.charAt(i);
                    valid = c >= '0' && c <= '9';
                    fraction = fraction * 10 + (c - '0');
                }
                if (valid) {
                    long minor = Math.addExact(Math.multiplyExact(whole, POWERS_OF_TEN[scale]), fraction);
                    return Money.ofMinor(currency, start == 5 ? -minor : minor);
                }
            }
        }
        return Money.parse(text);
    }

    private static String scalar(Object value) {
        if (value instanceof String) {
            return (String) value;
        }
        if (value instanceof Enum<?>) {
            return ((Enum<?>) value).name();
        }
        if (value instanceof Money) {
            return money((Money) value);
        }
        if (value instanceof CurrencyUnit) {
            return ((CurrencyUnit) value).getCode();
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Boolean
                || value instanceof LocalDate || value instanceof Instant || value instanceof UUID
                || value instanceof TextValue) {
            return value.toString();
        }
        throw new IllegalArgumentException("no canonical form for " + value.getClass().getName());
    }

    /** Exactly {@link Money#toString()} ({@code CNY 1234.50}), from the minor units without BigDecimal. */
    private static String money(Money money) {
        int scale = money.getCurrencyUnit().getDecimalPlaces();
        if (scale < 0 || scale > 6) {
            return money.toString();
        }
        long minor = money.getAmountMinorLong();
        StringBuilder text = new StringBuilder(24).append(money.getCurrencyUnit().getCode()).append(' ');
        if (minor < 0) {
            text.append('-');
        }
        String digits = Long.toString(Math.abs(minor));
        if (scale == 0) {
            return text.append(digits).toString();
        }
        if (digits.length() <= scale) {
            text.append("0.");
            for (int i = digits.length(); i < scale; i++) {
                text.append('0');
            }
            return text.append(digits).toString();
        }
        int point = digits.length() - scale;
        return text.append(digits, 0, point).append('.').append(digits, point, digits.length()).toString();
    }

    private static Class<?> rawType(Type type) {
        if (type instanceof Class<?>) {
            return (Class<?>) type;
        }
        if (type instanceof ParameterizedType) {
            return (Class<?>) ((ParameterizedType) type).getRawType();
        }
        throw new IllegalArgumentException("unsupported component type " + type);
    }

    private static Type typeArgument(Type type, int index) {
        if (!(type instanceof ParameterizedType)) {
            throw new IllegalArgumentException("raw collection type " + type);
        }
        return ((ParameterizedType) type).getActualTypeArguments()[index];
    }

    // ---------------------------------------------------------------- writing

    /** The text being written and the path of the value being written. */
    private static final class Writer {
        final StringBuilder out = new StringBuilder(1024);
        private final StringBuilder path = new StringBuilder(64);

        int enter(String name) {
            int mark = path.length();
            path.append(name);
            return mark;
        }

        int enter(int index) {
            int mark = path.length();
            path.append('.').append(index);
            return mark;
        }

        void leave(int mark) {
            path.setLength(mark);
        }

        /** Writes {@code path + suffix = value}, escaping the value. */
        void line(String suffix, String value) {
            out.append(path).append(suffix).append('=');
            int length = value.length();
            for (int i = 0; i < length; i++) {
                char c = value.charAt(i);
                if (c >= 0x20 && c != '\\' && c != 0x7f) {
                    out.append(c);
                } else if (c == '\\') {
                    out.append("\\\\");
                } else if (c == '\n') {
                    out.append("\\n");
                } else if (c == '\r') {
                    out.append("\\r");
                } else {
                    out.append(String.format("\\u%04x", (int) c));
                }
            }
            out.append('\n');
        }
    }

    // ---------------------------------------------------------------- reading

    /**
     * The lines of an encoded text, consumed in order: each read names the path it expects, built
     * up as the plan descends, and the next line must have exactly that path.
     */
    private static final class Reader {
        private final String text;
        private final int[] pathStart;
        private final int[] equals;
        private final int[] lineEnd;
        private final int count;
        private final StringBuilder path = new StringBuilder(64);
        private int next;

        private Reader(String text, int[] pathStart, int[] equals, int[] lineEnd, int count) {
            this.text = text;
            this.pathStart = pathStart;
            this.equals = equals;
            this.lineEnd = lineEnd;
            this.count = count;
        }

        static Reader parse(String text, String header) {
            if (!text.startsWith(header) || text.length() <= header.length()
                    || text.charAt(header.length()) != '\n') {
                throw new IllegalArgumentException("the text does not start with '" + header + "'");
            }
            if (!text.endsWith("\n")) {
                throw new IllegalArgumentException("the last line does not end with a line feed");
            }
            int capacity = 32;
            int[] starts = new int[capacity];
            int[] equalsAt = new int[capacity];
            int[] ends = new int[capacity];
            int count = 0;
            int position = header.length() + 1;
            while (position < text.length()) {
                int end = text.indexOf('\n', position);
                int equal = text.indexOf('=', position);
                if (equal < 0 || equal >= end || equal == position) {
                    throw new IllegalArgumentException("line " + (count + 2) + " has no 'path=value'");
                }
                if (count == capacity) {
                    capacity *= 2;
                    starts = Arrays.copyOf(starts, capacity);
                    equalsAt = Arrays.copyOf(equalsAt, capacity);
                    ends = Arrays.copyOf(ends, capacity);
                }
                starts[count] = position;
                equalsAt[count] = equal;
                ends[count] = end;
                count++;
                position = end + 1;
            }
            return new Reader(text, starts, equalsAt, ends, count);
        }

        int enter(String name) {
            int mark = path.length();
            path.append(name);
            return mark;
        }

        int enter(int index) {
            int mark = path.length();
            path.append('.').append(index);
            return mark;
        }

        void leave(int mark) {
            path.setLength(mark);
        }

        String path() {
            return path.toString();
        }

        /** Whether the next line's path is {@code path + suffix}. */
        private boolean nextIs(String suffix) {
            if (next >= count) {
                return false;
            }
            int start = pathStart[next];
            int length = equals[next] - start;
            if (length != path.length() + suffix.length()) {
                return false;
            }
            for (int i = 0; i < path.length(); i++) {
                if (text.charAt(start + i) != path.charAt(i)) {
                    return false;
                }
            }
            return text.startsWith(suffix, start + path.length());
        }

        /** Whether an optional value is present: its own line, or lines under its path. */
        boolean presentAtPath() {
            if (next >= count) {
                return false;
            }
            int start = pathStart[next];
            int length = equals[next] - start;
            if (length < path.length()) {
                return false;
            }
            for (int i = 0; i < path.length(); i++) {
                if (text.charAt(start + i) != path.charAt(i)) {
                    return false;
                }
            }
            return length == path.length() || text.charAt(start + path.length()) == '.';
        }

        /** The value of the next line, whose path must be {@code path + suffix}. */
        String take(String suffix) {
            if (!nextIs(suffix)) {
                String found = next < count ? "'" + text.substring(pathStart[next], equals[next]) + "'" : "the end";
                throw new IllegalArgumentException("expected " + path + suffix + " but found " + found);
            }
            String value = unescape(text.substring(equals[next] + 1, lineEnd[next]), next + 2);
            next++;
            return value;
        }

        int size() {
            String value = take(".size");
            try {
                int size = Integer.parseInt(value);
                if (size < 0 || size > 1_000_000) {
                    throw new NumberFormatException();
                }
                return size;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(path + ".size: '" + value + "' is not a size", e);
            }
        }

        SortedMap<String, String> takeEntries(int size) {
            SortedMap<String, String> taken = new TreeMap<>();
            int prefix = path.length() + 1;
            for (int i = 0; i < size; i++) {
                if (next >= count || equals[next] - pathStart[next] <= prefix
                        || !text.startsWith(path + ".", pathStart[next])) {
                    throw new IllegalArgumentException("expected " + size + " entries under " + path
                            + ". but found " + i);
                }
                String key = text.substring(pathStart[next] + prefix, equals[next]);
                taken.put(key, unescape(text.substring(equals[next] + 1, lineEnd[next]), next + 2));
                next++;
            }
            return taken;
        }

        void requireAllUsed() {
            if (next != count) {
                throw new IllegalArgumentException("unexpected line '" + text.substring(pathStart[next],
                        lineEnd[next]) + "'");
            }
        }

        private static String unescape(String value, int lineNumber) {
            if (value.indexOf('\\') < 0) {
                return value;
            }
            StringBuilder out = new StringBuilder(value.length());
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (i + 1 >= value.length()) {
                    throw new IllegalArgumentException("line " + lineNumber + " ends in a lone backslash");
                }
                char escaped = value.charAt(++i);
                if (escaped == '\\') {
                    out.append('\\');
                } else if (escaped == 'n') {
                    out.append('\n');
                } else if (escaped == 'r') {
                    out.append('\r');
                } else if (escaped == 'u' && i + 4 < value.length()) {
                    out.append((char) Integer.parseInt(value.substring(i + 1, i + 5), 16));
                    i += 4;
                } else {
                    throw new IllegalArgumentException("line " + lineNumber + " has a bad escape \\" + escaped);
                }
            }
            return out.toString();
        }
    }
}
