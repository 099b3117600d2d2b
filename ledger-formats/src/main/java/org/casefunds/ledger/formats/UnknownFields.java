package org.casefunds.ledger.formats;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.util.TokenBuffer;

/**
 * How {@link Json#read} finds every field that its place does not have, with its path, before the
 * object is built: a record is built by its constructor, which may refuse the object (a required
 * field missing because it was misspelt), and Jackson reports an unknown field of a record only
 * after building it. So each object read into a bean is first scanned, its field names checked
 * against the bean's, then built from the scanned tokens; an unknown field is collected rather than
 * thrown, and its line is looked up in the text afterwards. Without a {@link Sink} (a plain
 * {@code readValue}) nothing is scanned and an unknown field is refused by Jackson as usual.
 */
final class UnknownFields {
    private UnknownFields() {
    }

    /** The unknown fields of one reading, the attribute {@link Json#read} sets. */
    static final class Sink {
        private final List<Json.UnknownField> fields = new ArrayList<>();

        /** The fields collected, in the order of the text, each with the line it is on. */
        List<Json.UnknownField> withLines(ObjectMapper mapper, String text) {
            if (fields.isEmpty()) {
                return List.of();
            }
            Map<String, long[]> places = places(mapper, text);
            List<Json.UnknownField> found = new ArrayList<>();
            for (Json.UnknownField field : fields) {
                long[] place = places.getOrDefault(field.path(), new long[] {Long.MAX_VALUE, 0});
                found.add(new Json.UnknownField(field.path(), field.name(), (int) place[1], field.known()));
            }
            found.sort(Comparator.comparingLong(field -> places.getOrDefault(field.path(),
                    new long[] {Long.MAX_VALUE, 0})[0]));
            return found;
        }
    }

    /** The scanner of beans and the handler that leaves collected fields to it. */
    static SimpleModule module() {
        SimpleModule module = new SimpleModule("casefunds-unknown-fields") {
            private static final long serialVersionUID = 1L;

            @Override
            public void setupModule(SetupContext setup) {
                super.setupModule(setup);
                setup.addDeserializationProblemHandler(new Handler());
            }
        };
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            private static final long serialVersionUID = 1L;

            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                    JsonDeserializer<?> deserializer) {
                if (!(deserializer instanceof BeanDeserializerBase)) {
                    return deserializer;
                }
                JsonIgnoreProperties.Value ignorals = config.getDefaultPropertyIgnorals(description.getBeanClass(),
                        description.getClassInfo());
                return ignorals.getIgnoreUnknown() ? deserializer
                        : new Scanner(deserializer, ignorals.findIgnoredForDeserialization());
            }
        });
        return module;
    }

    /**
     * The handler: a bean's unknown field, which the bean reports after it is built, was collected
     * when the bean was scanned, and is skipped; another deserializer's (money's) is collected here.
     */
    static final class Handler extends DeserializationProblemHandler {
        @Override
        public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
                JsonDeserializer<?> deserializer, Object beanOrClass, String propertyName) throws IOException {
            if (deserializer instanceof BeanDeserializerBase && context.getAttribute(Sink.class) instanceof Sink) {
                parser.skipChildren();
                return true;
            }
            Collection<Object> known = deserializer == null ? null : deserializer.getKnownPropertyNames();
            return collect(context, parser, propertyName, known == null ? List.of() : known);
        }
    }

    /**
     * Collects {@code name}, the field the parser is on (at its value), and skips its value, if the
     * reading has a sink. Returns false without a sink: the field is refused as usual.
     */
    private static boolean collect(DeserializationContext context, JsonParser parser, String name, Collection<?> known)
            throws IOException {
        if (!(context.getAttribute(Sink.class) instanceof Sink sink)) {
            return false;
        }
        sink.fields.add(field(path(valueContext(parser)), name, known));
        parser.skipChildren();
        return true;
    }

    private static Json.UnknownField field(String path, String name, Collection<?> known) {
        List<String> names = new ArrayList<>();
        for (Object each : known) {
            names.add(String.valueOf(each));
        }
        names.sort(null);
        return new Json.UnknownField(path, name, 0, names);
    }

    /** Scans an object's field names before its bean deserializer builds it from the scanned tokens. */
    static final class Scanner extends DelegatingDeserializer {
        private static final long serialVersionUID = 1L;
        private final Set<String> ignored;

        Scanner(JsonDeserializer<?> delegate, Set<String> ignored) {
            super(delegate);
            this.ignored = Set.copyOf(ignored);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new Scanner(delegate, ignored);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonToken token = parser.currentToken();
            if (!(context.getAttribute(Sink.class) instanceof Sink sink)
                    || token != JsonToken.START_OBJECT && token != JsonToken.FIELD_NAME) {
                return _delegatee.deserialize(parser, context);
            }
            Set<String> known = new HashSet<>(ignored);
            Collection<Object> names = _delegatee.getKnownPropertyNames();
            if (names != null) {
                names.forEach(name -> known.add(String.valueOf(name)));
            }
            // The scanned fields are read back in the object's own context, so that paths stay whole.
            TokenBuffer tokens = context.bufferForInputBuffering(parser);
            tokens.overrideParentContext(parser.getParsingContext());
            if (token == JsonToken.START_OBJECT) {
                token = parser.nextToken();
            }
            for (; token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                if (!known.contains(name)) {
                    sink.fields.add(field(path(parser.getParsingContext()), name,
                            names == null ? List.of() : names));
                }
                tokens.copyCurrentStructure(parser);
            }
            tokens.writeEndObject();
            JsonParser scanned = tokens.asParser(parser);
            scanned.nextToken();
            return _delegatee.deserialize(scanned, context);
        }
    }

    /** The context that holds the parser's current value: the parent of an object or array just started. */
    static JsonStreamContext valueContext(JsonParser parser) {
        JsonStreamContext context = parser.getParsingContext();
        return parser.hasToken(JsonToken.START_OBJECT) || parser.hasToken(JsonToken.START_ARRAY)
                ? context.getParent() : context;
    }

    /** The field path of a context, such as {@code years[0].restDays}: its names and indexes from the root. */
    static String path(JsonStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inObject() && at.getCurrentName() != null) {
                parts.add(0, at.getCurrentName());
            } else if (at.inArray()) {
                parts.add(0, "[" + at.getCurrentIndex() + "]");
            }
        }
        StringBuilder path = new StringBuilder();
        for (String part : parts) {
            path.append(path.length() == 0 || part.startsWith("[") ? "" : ".").append(part);
        }
        return path.toString();
    }

    /** Where each field of {@code text} is, by its path (the first, if a path repeats): its place in order, and its line. */
    private static Map<String, long[]> places(ObjectMapper mapper, String text) {
        Map<String, long[]> places = new HashMap<>();
        try (JsonParser parser = mapper.getFactory().createParser(text)) {
            long order = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME) {
                    places.putIfAbsent(path(parser.getParsingContext()),
                            new long[] {order++, parser.currentTokenLocation().getLineNr()});
                }
            }
        } catch (IOException brokenLater) {
            // The places up to the break are known; a field after it was not collected either.
        }
        return places;
    }
}
