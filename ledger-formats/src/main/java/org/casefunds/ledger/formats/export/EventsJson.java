package org.casefunds.ledger.formats.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.Objects;
import java.util.stream.Stream;
import org.casefunds.ledger.journal.Event;

/**
 * Every event as one JSON array, one event per line, written with Jackson's streaming generator so
 * that memory holds one event at a time. Each event has all its fields: sequence, id, key, kind,
 * dates, actor, approvals, metadata, the payload with its {@code "type"} (the event kind) and
 * fields, postings, lot movements, previous hash and hash. An optional field that is absent is left
 * out. How each value reads is the mapper's (the command line's: money as
 * {@code {"amount":"65000.00","currency":"CNY"}}, dates ISO, case numbers canonical).
 *
 * <p>This class is immutable and thread-safe.
 */
public final class EventsJson implements LedgerExport {
    private final ObjectWriter events;
    private final ObjectMapper mapper;

    private EventsJson(ObjectMapper mapper) {
        this.mapper = mapper;
        // One flush per event would be one write to the file per event; the caller flushes once at the end.
        this.events = mapper.writerFor(Event.class).without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
                .without(SerializationFeature.INDENT_OUTPUT);
    }

    /** The JSON export, writing events as {@code mapper} does; {@code mapper} must know how to write events. */
    public static EventsJson of(ObjectMapper mapper) {
        return new EventsJson(Objects.requireNonNull(mapper, "mapper"));
    }

    @Override
    public ExportSummary write(ExportSource source, Writer out) throws IOException {
        long count = 0;
        try (JsonGenerator generator = mapper.getFactory().createGenerator(out)) {
            // The generator must not close the file: it belongs to the caller.
            generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            generator.setPrettyPrinter(new OneEventPerLine());
            generator.writeStartArray();
            try (Stream<Event> stream = source.events()) {
                for (Iterator<Event> each = stream.iterator(); each.hasNext();) {
                    events.writeValue(generator, each.next());
                    count++;
                }
            }
            generator.writeEndArray();
        }
        out.write("\n");
        return new ExportSummary(count, count + " events");
    }

    /** Compact JSON, with a line break before each element of the outermost array and before its end. */
    private static final class OneEventPerLine extends MinimalPrettyPrinter {
        private static final long serialVersionUID = 1L;

        private static boolean outermost(JsonGenerator generator) {
            return generator.getOutputContext().getParent().inRoot();
        }

        @Override
        public void writeStartArray(JsonGenerator generator) throws IOException {
            generator.writeRaw(outermost(generator) ? "[\n" : "[");
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator generator) throws IOException {
            generator.writeRaw(outermost(generator) ? ",\n" : ",");
        }

        @Override
        public void writeEndArray(JsonGenerator generator, int values) throws IOException {
            generator.writeRaw(outermost(generator) && values > 0 ? "\n]" : "]");
        }
    }
}
