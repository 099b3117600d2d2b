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
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
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
    private static final Map<Class<?>, RecordShape> SHAPES = new ConcurrentHashMap<>();
    private static final HexFormat HEX = HexFormat.of();

    private CanonicalCodec() {
    }

    /** Encodes {@code value}, a record, under the given header line; never null. */
    public static String encode(String header, Record value) {
        StringBuilder out = new StringBuilder(1024);
        out.append(header).append('\n');
        writeRecord(out, "", value, Set.of());
        return out.toString();
    }

    /** Encodes {@code value} leaving out the named top-level components. */
    public static String encode(String header, Record value, Set<String> excludedComponents) {
        StringBuilder out = new StringBuilder(1024);
        out.append(header).append('\n');
        writeRecord(out, "", value, excludedComponents);
        return out.toString();
    }

    /** The SHA-256 of {@code text}'s UTF-8 bytes, as 64 lower-case hex digits. */
    public static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HEX.formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * Decodes text written by {@link #encode(String, Record, Set)} back into a record of {@code type};
     * components left out when encoding are given by {@code supplied}.
     *
     * @throws IllegalArgumentException saying which line is wrong, if the text is not canonical
     */
    public static <T extends Record> T decode(
            String text, String header, Class<T> type, Map<String, Object> supplied) {
        Lines lines = Lines.parse(text, header);
        T value = type.cast(readRecord(lines, "", type, supplied));
        lines.requireAllUsed();
        String again = encode(header, value, supplied.keySet());
        if (!again.equals(text)) {
            throw new IllegalArgumentException("the text decodes but is not in canonical form "
                    + "(first difference at character " + firstDifference(again, text) + ")");
        }
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

    // ---------------------------------------------------------------- encoding

    private static void writeRecord(StringBuilder out, String prefix, Record value, Set<String> excluded) {
        RecordShape shape = shape(value.getClass());
        for (int i = 0; i < shape.components.length; i++) {
            RecordComponent component = shape.components[i];
            if (excluded.contains(component.getName())) {
                continue;
            }
            Object field = shape.get(i, value);
            writeValue(out, prefix + component.getName(), component.getGenericType(), field);
        }
    }

    private static void writeValue(StringBuilder out, String path, Type type, Object value) {
        Class<?> raw = rawType(type);
        if (raw == Optional.class) {
            Optional<?> optional = (Optional<?>) value;
            if (optional.isPresent()) {
                writeValue(out, path, typeArgument(type, 0), optional.get());
            }
            return;
        }
        if (value == null) {
            throw new IllegalArgumentException(path + " is null; use Optional for absent values");
        }
        if (List.class.isAssignableFrom(raw) || Set.class.isAssignableFrom(raw)) {
            Collection<?> elements = raw == List.class ? (List<?>) value : sorted((Set<?>) value);
            line(out, path + ".size", Integer.toString(elements.size()));
            int index = 0;
            for (Object element : elements) {
                writeValue(out, path + "." + index++, typeArgument(type, 0), element);
            }
        } else if (Map.class.isAssignableFrom(raw)) {
            Map<?, ?> map = new TreeMap<>((Map<?, ?>) value);
            line(out, path + ".size", Integer.toString(map.size()));
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                line(out, path + "." + entry.getKey(), (String) entry.getValue());
            }
        } else if (value instanceof Record && raw.isSealed()) {
            line(out, path + ".type", value.getClass().getSimpleName());
            writeRecord(out, path + ".", (Record) value, Set.of());
        } else if (value instanceof Record && !(value instanceof TextValue)) {
            writeRecord(out, path + ".", (Record) value, Set.of());
        } else {
            line(out, path, scalar(value));
        }
    }

    private static Collection<?> sorted(Set<?> set) {
        List<Object> elements = new ArrayList<>(set);
        elements.sort((a, b) -> scalar(a).compareTo(scalar(b)));
        return elements;
    }

    private static String scalar(Object value) {
        if (value instanceof Enum<?>) {
            return ((Enum<?>) value).name();
        }
        if (value instanceof CurrencyUnit) {
            return ((CurrencyUnit) value).getCode();
        }
        if (value instanceof String || value instanceof Long || value instanceof Integer
                || value instanceof Boolean || value instanceof LocalDate || value instanceof Instant
                || value instanceof Money || value instanceof UUID || value instanceof TextValue) {
            return value.toString();
        }
        throw new IllegalArgumentException("no canonical form for " + value.getClass().getName());
    }

    private static void line(StringBuilder out, String path, String value) {
        out.append(path).append('=');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('\n');
    }

    // ---------------------------------------------------------------- decoding

    private static Object readRecord(Lines lines, String prefix, Class<?> type, Map<String, Object> supplied) {
        RecordShape shape = shape(type);
        Object[] arguments = new Object[shape.components.length];
        for (int i = 0; i < shape.components.length; i++) {
            RecordComponent component = shape.components[i];
            if (supplied.containsKey(component.getName())) {
                arguments[i] = supplied.get(component.getName());
            } else {
                arguments[i] = readValue(lines, prefix + component.getName(), component.getGenericType());
            }
        }
        return shape.construct(arguments);
    }

    private static Object readValue(Lines lines, String path, Type type) {
        Class<?> raw = rawType(type);
        if (raw == Optional.class) {
            return lines.has(path) || lines.hasPrefix(path + ".")
                    ? Optional.of(readValue(lines, path, typeArgument(type, 0))) : Optional.empty();
        }
        if (List.class.isAssignableFrom(raw) || Set.class.isAssignableFrom(raw)) {
            int size = sizeOf(lines, path);
            List<Object> elements = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                elements.add(readValue(lines, path + "." + i, typeArgument(type, 0)));
            }
            if (raw == List.class) {
                return Collections.unmodifiableList(elements);
            }
            return Collections.unmodifiableSortedSet(new TreeSet<>(elements));
        }
        if (Map.class.isAssignableFrom(raw)) {
            int size = sizeOf(lines, path);
            SortedMap<String, String> map = lines.takePrefix(path + ".", size);
            return Collections.unmodifiableSortedMap(map);
        }
        if (raw.isSealed() && raw.isInterface()) {
            String name = lines.take(path + ".type");
            for (Class<?> permitted : raw.getPermittedSubclasses()) {
                if (permitted.getSimpleName().equals(name)) {
                    return readRecord(lines, path + ".", permitted, Map.of());
                }
            }
            throw new IllegalArgumentException(path + ".type: unknown kind '" + name + "'");
        }
        if (raw.isRecord() && !TextValue.class.isAssignableFrom(raw)) {
            return readRecord(lines, path + ".", raw, Map.of());
        }
        return parseScalar(raw, path, lines.take(path));
    }

    private static int sizeOf(Lines lines, String path) {
        String text = lines.take(path + ".size");
        try {
            int size = Integer.parseInt(text);
            if (size < 0 || size > 1_000_000) {
                throw new NumberFormatException();
            }
            return size;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(path + ".size: '" + text + "' is not a size", e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object parseScalar(Class<?> type, String path, String text) {
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
                return LocalDate.parse(text);
            } else if (type == Instant.class) {
                return Instant.parse(text);
            } else if (type == Money.class) {
                return Money.parse(text);
            } else if (type == CurrencyUnit.class) {
                return CurrencyUnit.of(text);
            } else if (type == UUID.class) {
                return UUID.fromString(text);
            } else if (type.isEnum()) {
                return Enum.valueOf((Class<? extends Enum>) type, text);
            } else if (TextValue.class.isAssignableFrom(type)) {
                return type.getMethod("parse", String.class).invoke(null, text);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException(path + ": '" + text + "' is not a valid "
                    + type.getSimpleName(), e);
        }
        throw new IllegalArgumentException(path + ": no canonical form for " + type.getName());
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

    private static RecordShape shape(Class<?> type) {
        return SHAPES.computeIfAbsent(type, RecordShape::new);
    }

    /** The components of a record class, with fast accessors and its canonical constructor. */
    private static final class RecordShape {
        final RecordComponent[] components;
        final MethodHandle[] accessors;
        final Constructor<?> constructor;

        RecordShape(Class<?> type) {
            if (!type.isRecord()) {
                throw new IllegalArgumentException(type.getName() + " is not a record");
            }
            components = type.getRecordComponents();
            accessors = new MethodHandle[components.length];
            Class<?>[] types = new Class<?>[components.length];
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            try {
                for (int i = 0; i < components.length; i++) {
                    types[i] = components[i].getType();
                    accessors[i] = lookup.unreflect(components[i].getAccessor())
                            .asType(MethodType.methodType(Object.class, Object.class));
                }
                constructor = type.getDeclaredConstructor(types);
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("cannot encode " + type.getName()
                        + ": it must be a public record", e);
            }
            if (!Modifier.isPublic(type.getModifiers())) {
                throw new IllegalArgumentException(type.getName() + " must be public");
            }
        }

        Object get(int index, Object record) {
            try {
                return accessors[index].invokeExact(record);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        Object construct(Object[] arguments) {
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

    /** The lines of an encoded text, consumed in order. */
    private static final class Lines {
        private final List<String> paths = new ArrayList<>();
        private final Map<String, String> values = new LinkedHashMap<>();
        private int next;

        static Lines parse(String text, String header) {
            if (!text.startsWith(header + "\n")) {
                throw new IllegalArgumentException("the text does not start with '" + header + "'");
            }
            if (!text.endsWith("\n")) {
                throw new IllegalArgumentException("the last line does not end with a line feed");
            }
            Lines lines = new Lines();
            String[] raw = text.substring(header.length() + 1).split("\n", -1);
            for (int i = 0; i < raw.length - 1; i++) {
                int equals = raw[i].indexOf('=');
                if (equals <= 0) {
                    throw new IllegalArgumentException("line " + (i + 2) + " has no 'path=value'");
                }
                String path = raw[i].substring(0, equals);
                if (lines.values.put(path, unescape(raw[i].substring(equals + 1), i + 2)) != null) {
                    throw new IllegalArgumentException("line " + (i + 2) + " repeats " + path);
                }
                lines.paths.add(path);
            }
            return lines;
        }

        boolean has(String path) {
            return next < paths.size() && paths.get(next).equals(path);
        }

        boolean hasPrefix(String prefix) {
            return next < paths.size() && paths.get(next).startsWith(prefix);
        }

        String take(String path) {
            if (!has(path)) {
                String found = next < paths.size() ? "'" + paths.get(next) + "'" : "the end";
                throw new IllegalArgumentException("expected " + path + " but found " + found);
            }
            return values.get(paths.get(next++));
        }

        SortedMap<String, String> takePrefix(String prefix, int count) {
            SortedMap<String, String> taken = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                if (!hasPrefix(prefix)) {
                    throw new IllegalArgumentException("expected " + count + " entries under "
                            + prefix + " but found " + i);
                }
                String path = paths.get(next++);
                taken.put(path.substring(prefix.length()), values.get(path));
            }
            return taken;
        }

        void requireAllUsed() {
            if (next != paths.size()) {
                throw new IllegalArgumentException("unexpected line '" + paths.get(next) + "'");
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
