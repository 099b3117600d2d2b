package org.casefunds.ledger.formats;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jodamoney.AmountRepresentation;
import com.fasterxml.jackson.datatype.jodamoney.JodaMoneyModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.calendar.CalendarSource;
import org.casefunds.ledger.calendar.CalendarYear;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.commands.Request;
import org.casefunds.ledger.events.EventKind;
import org.casefunds.ledger.events.EventPayload;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.journal.LotId;
import org.casefunds.ledger.money.Amounts;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * The ledger's JSON, for command files, exports and every {@code --json}: the project's strict mapper (money as decimal strings with their
 * currency, dates ISO, unknown fields refused), plus case numbers, account names and lot ids as
 * their text, and requests told apart by a {@code "type"} field naming the request. Events (for
 * {@code casefunds export --format json}) are written with their kind, and their payloads with a
 * {@code "type"} field naming the event kind, such as {@code "RECEIPT_RECORDED"}.
 *
 * <p>Money is read by {@link Amounts#parse}, the one parser of amounts: {@code {"amount": "65000.00",
 * "currency": "CNY"}} with the amount a quoted plain decimal string; a JSON number is refused with
 * how to quote it. A field that its place does not have is refused by its name, path and line, with
 * the closest field that the place has ({@link #read}, {@link UnknownField}). A field written twice
 * in one object is refused (which of the two was meant cannot be told), a date is read only from
 * {@code "2025-03-03"}, and no value is guessed from another kind of value; what cannot be read is
 * said in the project's words, naming the field ({@link #problem}).
 */
public final class Json {
    /** The mapper, indented. */
    public static final ObjectMapper MAPPER = build();
    /** The same, writing one value per line (JSON Lines). */
    public static final ObjectMapper COMPACT = MAPPER.copy().disable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /**
     * The strict JSON mapper of the project, for every file it reads (command files, policy and
     * calendar files, digests and proofs): money as quoted decimal strings read by
     * {@link Amounts#parse}, dates only as {@code "2025-03-03"}, unknown fields refused (or collected,
     * through {@link #read}), a field written twice refused, trailing tokens refused, no coercion
     * (no enum from a number, no whole number from a fraction, no text from a number).
     */
    public static ObjectMapper strictMapper() {
        SimpleModule money = new SimpleModule("casefunds-money");
        money.addDeserializer(Money.class, new MoneyDeserializer());
        // Registered after the time module, so that it reads dates in its place.
        SimpleModule dates = new SimpleModule("casefunds-dates");
        dates.addDeserializer(LocalDate.class, new DateDeserializer());
        return JsonMapper.builder()
                .addModule(new JodaMoneyModule().withAmountRepresentation(AmountRepresentation.DECIMAL_STRING))
                .addModule(money)
                .addModule(new JavaTimeModule())
                .addModule(dates)
                .addModule(new Jdk8Module())
                .addModule(UnknownFields.module())
                // A field written twice is refused: which of the two was meant cannot be told.
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // No value is guessed from another kind of value: no enum from its position, no whole
                // number from a fraction, no number or boolean from text, no text from a number.
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
    }

    private static ObjectMapper build() {
        ObjectMapper mapper = strictMapper();
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

    /**
     * Reads {@code text} as a {@code type} with {@code mapper} (one of {@link #strictMapper}'s), and
     * goes on past a field that its place does not have: each such field is added to {@code unknown}
     * rather than thrown, so that every one of them is reported, together with what the document
     * then lacks (a required field that was misspelt is missing). The caller refuses the document
     * when {@code unknown} is not empty, whether or not the reading succeeded.
     *
     * @throws JsonProcessingException as {@link ObjectMapper#readValue(String, Class)} does, except for unknown fields
     */
    public static <T> T read(ObjectMapper mapper, String text, Class<T> type, List<UnknownField> unknown)
            throws JsonProcessingException {
        UnknownFields.Sink sink = new UnknownFields.Sink();
        try {
            return mapper.readerFor(type).withAttribute(UnknownFields.Sink.class, sink).readValue(text);
        } finally {
            unknown.addAll(sink.withLines(mapper, text));
        }
    }

    /**
     * What is wrong with a document that could not be read, in the project's words, never a
     * library's: the field path (empty for the document itself), what is wrong with the value and
     * what to write instead, and the line it is on (0 if not known). Refusals of the project's own
     * readers (money, dates, case numbers, the records' checks) keep their code and message.
     *
     * @param path where it is, such as {@code request.amount} or {@code years[0].year}
     * @param code the reason, such as {@link ErrorCode#INVALID_DATE}
     * @param value what was written there, abbreviated ({@code [...]} for a list, {@code {...}} for an
     *     object, the name for a field written twice); null if nothing or not known
     * @param message what is wrong and what to do, without the path
     * @param line the line of the document, 0 if not known
     */
    public record Problem(String path, ErrorCode code, String value, String message, int line) {
    }

    /**
     * The {@link Problem} of {@code e}, an error of reading {@code text} with one of
     * {@link #strictMapper}'s mappers; {@code text} (null if not at hand) tells what was written at the
     * field.
     */
    public static Problem problem(JsonProcessingException e, String text) {
        return ReadProblems.of(e, text);
    }

    /**
     * A field that a document names and its place does not have.
     *
     * @param path where it is, such as {@code request.amout} or {@code approvalTiers[0].role}
     * @param name the field's name as written
     * @param line the line of the document it is on (1 for a one-line document), 0 if not known
     * @param known the fields its place has, in alphabetical order
     */
    public record UnknownField(String path, String name, int line, List<String> known) {
        /** Creates it; {@code known} is copied. */
        public UnknownField {
            known = List.copyOf(known);
        }

        /** The field of its place it most likely means, by {@link FieldNames#closest}; empty when none is close. */
        public Optional<String> suggestion() {
            return FieldNames.closest(name, known);
        }

        /**
         * What is wrong and what to do: {@code unknown field `amout`; did you mean `amount`? The
         * fields here: amount, currency}.
         */
        public String message() {
            StringBuilder message = new StringBuilder("unknown field `").append(Checks.abbreviate(name)).append('`');
            suggestion().ifPresent(meant -> message.append("; did you mean `").append(meant).append("`?"));
            if (!known.isEmpty()) {
                message.append(suggestion().isPresent() ? " The fields here: " : "; the fields here: ")
                        .append(String.join(", ", known));
            }
            return message.toString();
        }

        @Override
        public String toString() {
            return (path.isEmpty() ? "" : path + ": ") + message() + (line > 0 ? " (line " + line + ")" : "");
        }
    }

    /**
     * Reads money, {@code {"amount": "65000.00", "currency": "CNY"}}, through {@link Amounts#parse}:
     * the amount a quoted plain decimal string, never a JSON number; refusals name the JSON field that
     * holds the money.
     */
    static final class MoneyDeserializer extends StdDeserializer<Money> {
        private static final long serialVersionUID = 1L;
        private static final String EXAMPLE = "{\"amount\": \"65000.00\", \"currency\": \"CNY\"}";

        MoneyDeserializer() {
            super(Money.class);
        }

        @Override
        public Collection<Object> getKnownPropertyNames() {
            return List.of("amount", "currency");
        }

        @Override
        public Money deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String field = holder(parser);
            try {
                return read(parser, context, field);
            } catch (InvalidInputException refused) {
                throw JsonMappingException.from(parser, refused.getMessage(), refused);
            }
        }

        private Money read(JsonParser parser, DeserializationContext context, String field) throws IOException {
            if (!parser.isExpectedStartObjectToken()) {
                String written = parser.currentToken().isScalarValue() ? parser.getText() : null;
                parser.skipChildren();
                throw new InvalidInputException(ErrorCode.INVALID_AMOUNT, field, written == null ? null
                        : Checks.abbreviate(written), "is not money; write money as " + EXAMPLE);
            }
            JsonToken amountToken = null;
            String amount = null;
            String currency = null;
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("amount") && amountToken != null || name.equals("currency") && currency != null) {
                    throw new InvalidInputException(ErrorCode.INVALID_VALUE, field + "." + name, null,
                            "is written twice; write it once");
                }
                if (name.equals("amount")) {
                    amountToken = value;
                    amount = value.isScalarValue() ? parser.getText() : null;
                    parser.skipChildren();
                } else if (name.equals("currency")) {
                    currency = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
                        parser.skipChildren();
                        throw new InvalidInputException(ErrorCode.CURRENCY_MISMATCH, "currency", null,
                                "is not a currency code; write it quoted, such as \"CNY\"");
                    }
                } else {
                    context.handleUnknownProperty(parser, this, Money.class, name);
                }
            }
            if (currency == null) {
                throw new InvalidInputException(ErrorCode.MISSING_VALUE, field + ".currency", null,
                        "money names its currency: " + EXAMPLE);
            }
            CurrencyUnit unit = Amounts.currency(currency, field + ".currency");
            if (amountToken == null || amountToken == JsonToken.VALUE_NULL) {
                throw new InvalidInputException(ErrorCode.MISSING_VALUE, field + ".amount", null,
                        "money has its amount, a quoted decimal string: " + EXAMPLE);
            }
            if (amountToken.isNumeric()) {
                throw new InvalidInputException(ErrorCode.INVALID_AMOUNT, field, Checks.abbreviate(amount),
                        "is a JSON number; write amounts as quoted decimal strings, " + quoted(amount, unit));
            }
            if (amountToken != JsonToken.VALUE_STRING) {
                throw new InvalidInputException(ErrorCode.INVALID_AMOUNT, field, amount,
                        "is not an amount; write it as a quoted decimal string, such as \"65000.00\"");
            }
            return Amounts.parse(amount, unit, field);
        }

        /** The quoted string a JSON number means, such as {@code "100000.00"} for {@code 1e5}, when it is an amount. */
        private static String quoted(String number, CurrencyUnit currency) {
            try {
                BigDecimal value = new BigDecimal(number);
                if (value.signum() >= 0 && value.precision() - value.scale() <= 19) {
                    return "\"" + value.setScale(currency.getDecimalPlaces()).toPlainString() + "\"";
                }
            } catch (ArithmeticException | NumberFormatException notAnAmount) {
                // Shown as an example below: the number is no amount at any scale.
            }
            return "such as \"65000.00\"";
        }

        /** The name of the JSON field that holds the value, such as {@code amount} or {@code largeBalanceThreshold}. */
        static String holder(JsonParser parser) {
            for (JsonStreamContext at = UnknownFields.valueContext(parser); at != null; at = at.getParent()) {
                if (at.getCurrentName() != null) {
                    return at.getCurrentName();
                }
            }
            return "money";
        }
    }

    /**
     * Reads a date written as {@code "2025-03-03"}, and nothing else: a number (which Jackson would
     * read as a count of days since 1970, {@code 20250303} becoming the year 57413), a list, a time
     * or a day the calendar does not have is refused naming the JSON field that holds it.
     */
    static final class DateDeserializer extends StdDeserializer<LocalDate> {
        private static final long serialVersionUID = 1L;
        private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
        private static final String EXAMPLE = "write a date in quotes, such as \"2025-03-03\"";

        DateDeserializer() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String field = MoneyDeserializer.holder(parser);
            try {
                return read(parser, field);
            } catch (InvalidInputException refused) {
                throw JsonMappingException.from(parser, refused.getMessage(), refused);
            }
        }

        private static LocalDate read(JsonParser parser, String field) throws IOException {
            JsonToken token = parser.currentToken();
            if (token != JsonToken.VALUE_STRING) {
                String written = token == JsonToken.START_ARRAY ? "[...]" : token == JsonToken.START_OBJECT ? "{...}"
                        : Checks.abbreviate(parser.getText());
                parser.skipChildren();
                throw new InvalidInputException(ErrorCode.INVALID_DATE, field, written, "is "
                        + ReadProblems.written(token) + ", not a date; " + EXAMPLE);
            }
            String text = parser.getText();
            if (!DATE.matcher(text).matches()) {
                throw new InvalidInputException(ErrorCode.INVALID_DATE, field, Checks.abbreviate(text),
                        "is not a date; " + EXAMPLE + " (year, month and day, with hyphens)");
            }
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException noSuchDay) {
                throw new InvalidInputException(ErrorCode.INVALID_DATE, field, text,
                        "is not a day of the calendar; write a day that exists, such as \"2025-03-03\"");
            }
        }
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
