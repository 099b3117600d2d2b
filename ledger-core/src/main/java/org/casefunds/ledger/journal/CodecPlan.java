package org.casefunds.ledger.journal;

import static org.casefunds.ledger.journal.CanonicalScalars.parseDate;
import static org.casefunds.ledger.journal.CanonicalScalars.parseInstant;
import static org.casefunds.ledger.journal.CanonicalScalars.parseMoney;
import static org.casefunds.ledger.journal.CanonicalScalars.scalar;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
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
import org.casefunds.ledger.journal.CanonicalText.Reader;
import org.casefunds.ledger.journal.CanonicalText.Writer;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/** How the canonical text writes and reads each declared type: a plan per type, made once from its record components and generic types (the format is documented on CanonicalCodec). */
final class CodecPlan {
    private CodecPlan() {
    }

    /** The plan of every type met so far. */
    private static final Map<Type, Node> NODES = new ConcurrentHashMap<>();

    // ---------------------------------------------------------------- the plan of a type

    /**
     * How values of one declared type are written and read. Plans are made once per type from its
     * record components and generic types, so that encoding does no reflection on types.
     */
    abstract static class Node {
        abstract void write(Writer writer, Object value);

        abstract Object read(Reader reader);
    }

    static Node node(Type type) {
        Node node = NODES.get(type);
        if (node == null) {
            node = plan(type);
            NODES.putIfAbsent(type, node);
        }
        return node;
    }

    static Node plan(Type type) {
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
    static final class LazyNode {
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
    static final class OptionalNode extends Node {
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
    static final class ListNode extends Node {
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

    static Collection<?> sorted(Set<?> set) {
        List<Object> elements = new ArrayList<>(set);
        elements.sort((a, b) -> scalar(a).compareTo(scalar(b)));
        return elements;
    }

    /**
     * A map of scalars (text to text, or an enum to a number, say), written in ascending order of
     * the keys' text.
     */
    static final class MapNode extends Node {
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

    static final class SealedNode extends Node {
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
    static final class RecordNode extends Node {
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
    static final class ScalarNode extends Node {
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


    static Class<?> rawType(Type type) {
        if (type instanceof Class<?>) {
            return (Class<?>) type;
        }
        if (type instanceof ParameterizedType) {
            return (Class<?>) ((ParameterizedType) type).getRawType();
        }
        throw new IllegalArgumentException("unsupported component type " + type);
    }

    static Type typeArgument(Type type, int index) {
        if (!(type instanceof ParameterizedType)) {
            throw new IllegalArgumentException("raw collection type " + type);
        }
        return ((ParameterizedType) type).getActualTypeArguments()[index];
    }

}
