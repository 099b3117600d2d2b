package org.casefunds.ledger.formats;

import java.io.IOException;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.calendar.CalendarSource;
import org.casefunds.ledger.calendar.CalendarYear;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.commands.Request;
import org.casefunds.ledger.events.EventKind;
import org.casefunds.ledger.events.EventPayload;
import org.casefunds.ledger.formats.config.ConfigFiles;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.journal.LotId;

/**
 * The ledger's JSON, for command files, exports and every {@code --json}: the project's strict mapper (money as decimal strings with their
 * currency, dates ISO, unknown fields refused), plus case numbers, account names and lot ids as
 * their text, and requests told apart by a {@code "type"} field naming the request. Events (for
 * {@code casefunds export --format json}) are written with their kind, and their payloads with a
 * {@code "type"} field naming the event kind, such as {@code "RECEIPT_RECORDED"}.
 */
public final class Json {
    /** The mapper, indented. */
    public static final ObjectMapper MAPPER = build();
    /** The same, writing one value per line (JSON Lines). */
    public static final ObjectMapper COMPACT = MAPPER.copy().disable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    private static ObjectMapper build() {
        ObjectMapper mapper = ConfigFiles.mapper();
        SimpleModule module = new SimpleModule("casefunds");
        module.addSerializer(CaseNumber.class, ToStringSerializer.instance);
        module.addDeserializer(CaseNumber.class, new TextValueDeserializer<>(CaseNumber.class) {
            private static final long serialVersionUID = 1L;

            @Override
            CaseNumber parse(String text, String field) {
                return CaseNumber.parse(text, field);
            }
        });
        module.addSerializer(AccountId.class, ToStringSerializer.instance);
        module.addDeserializer(AccountId.class, new TextValueDeserializer<>(AccountId.class) {
            private static final long serialVersionUID = 1L;

            @Override
            AccountId parse(String text, String field) {
                return AccountId.parse(text);
            }
        });
        module.addSerializer(LotId.class, ToStringSerializer.instance);
        mapper.registerModule(module);
        mapper.addMixIn(Request.class, RequestTypes.class);
        mapper.addMixIn(Event.class, EventFields.class);
        mapper.addMixIn(EventPayload.class, PayloadTypes.class);
        mapper.addMixIn(CalendarYear.class, DerivedProvisional.class);
        mapper.addMixIn(CalendarSource.class, DerivedProvisional.class);
        // Every kind of request under its record's name, as the Request interface permits them: a new
        // kind is covered without a change here.
        for (Class<?> kind : Request.class.getPermittedSubclasses()) {
            mapper.registerSubtypes(new NamedType(kind, kind.getSimpleName()));
        }
        // Every kind's payload record under the kind's name: a new kind is covered without a change here.
        for (EventKind kind : EventKind.values()) {
            mapper.registerSubtypes(new NamedType(kind.payloadType(), kind.name()));
        }
        mapper.setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_ABSENT,
                JsonInclude.Include.NON_ABSENT));
        return mapper;
    }

    /**
     * Where in the document a mapping error is, as a field path such as {@code request.payee.holder}
     * or {@code years[0].restDays[2]}; empty for the document itself.
     */
    public static String fieldPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** Whether a calendar year is provisional follows from its source's kind: not written, not read. */
    @JsonIgnoreProperties({"provisional"})
    interface DerivedProvisional {
    }

    /** Requests are written and read with their kind in a {@code "type"} field: their class's simple name. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    interface RequestTypes {
    }

    /** Events are written with their kind beside their sequence and key, in the order an auditor reads them. */
    @JsonPropertyOrder({"sequence", "id", "idempotencyKey", "kind", "effectiveDate", "recordedAt", "actor",
        "approvals", "metadata", "payload", "postings", "lotMovements", "requestDigest", "previousHash", "hash"})
    interface EventFields {
        @JsonProperty("kind")
        EventKind kind();
    }

    /** A payload is written with its event kind in a {@code "type"} field, then its record's fields. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    interface PayloadTypes {
    }

    /** Reads a value written as text, naming the JSON field in its error. */
    abstract static class TextValueDeserializer<T> extends JsonDeserializer<T> implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final Class<T> type;

        TextValueDeserializer(Class<T> type) {
            this.type = type;
        }

        abstract T parse(String text, String field);

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString();
            if (text == null) {
                return type.cast(context.handleUnexpectedToken(type, parser));
            }
            String field = parser.getParsingContext().getCurrentName();
            try {
                return parse(text, field == null ? type.getSimpleName() : field);
            } catch (InvalidInputException refused) {
                throw com.fasterxml.jackson.databind.JsonMappingException.from(parser, refused.getMessage(), refused);
            }
        }
    }
}
