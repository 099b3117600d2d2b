package org.casefunds.ledger.calendar;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.Limits;

/**
 * Where one year of a calendar comes from, so that every deadline can say which data it was
 * counted on.
 *
 * <ul>
 *   <li>{@link Kind#OFFICIAL}: the State Council's notice on the year's holidays (with any later notice that
 *       changed it): the documents the year comes from;
 *   <li>{@link Kind#LOCAL}: a court's own adjustment of the national schedule, adopted with a
 *       reference to the document that decided it;
 *   <li>{@link Kind#PROVISIONAL}: computed from the statutory holidays alone because no notice has
 *       been published yet (see {@link StatutoryHolidays}); deadlines that count through such a
 *       year are marked provisional until the official schedule is adopted.
 * </ul>
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param kind official, local or provisional
 * @param documents the documents the year's data comes from, in the order they were issued; at least
 *     one unless the year is provisional, none if it is
 */
public record CalendarSource(Kind kind, List<Document> documents) {

    /** What kind of data a year holds. */
    public enum Kind {
        /** Published by the State Council. */
        OFFICIAL,
        /** A court's own adjustment, adopted with a reference. */
        LOCAL,
        /** Computed from the statutory holidays while no schedule is published. */
        PROVISIONAL
    }

    /**
     * One document a year's data comes from.
     *
     * @param issuedOn the date it was signed or published, when known
     * @param number its document number (文号), such as {@code 国办发明电〔2019〕16号}, when known
     * @param title its title, never blank
     */
    public record Document(Optional<LocalDate> issuedOn, Optional<String> number, String title) {

        /** Checks the values. */
        public Document {
            Checks.required(issuedOn, "issuedOn");
            Checks.required(number, "number");
            number.ifPresent(text -> Checks.requiredText(text, "number", Limits.DOCUMENT_NUMBER_LENGTH_MAX));
            title = Checks.requiredText(title, "title", Limits.DOCUMENT_TITLE_LENGTH_MAX);
        }

        /** A document with a known date and number. */
        public static Document of(LocalDate issuedOn, String number, String title) {
            return new Document(Optional.of(Checks.required(issuedOn, "issuedOn")),
                    Optional.of(Checks.required(number, "number")), title);
        }

        /** For example {@code 国办发明电〔2019〕16号 of 2019-11-21}, or the title where the number is unknown. */
        @Override
        public String toString() {
            return number.orElse(title) + issuedOn.map(date -> " of " + date).orElse("");
        }
    }

    /** Checks the values: an official or local year cites a document, a provisional one none. */
    public CalendarSource {
        Checks.required(kind, "kind");
        Checks.required(documents, "documents");
        Checks.size(documents, "documents", Limits.CALENDAR_DOCUMENTS_MAX);
        documents = List.copyOf(documents);
        if (kind == Kind.PROVISIONAL && !documents.isEmpty()) {
            throw new InvalidInputException(ErrorCode.INVALID_VALUE, "documents", documents,
                    "a provisional year is computed, not published; it cites no document");
        }
        if (kind != Kind.PROVISIONAL && documents.isEmpty()) {
            throw new InvalidInputException(ErrorCode.MISSING_VALUE, "documents", "[]",
                    (kind == Kind.OFFICIAL ? "an official" : "a local") + " year cites the document it comes from "
                            + "(its number, date and title), so that an auditor can find it");
        }
    }

    /** An official year from {@code documents}. */
    public static CalendarSource official(List<Document> documents) {
        return new CalendarSource(Kind.OFFICIAL, documents);
    }

    /** A court's own year from {@code documents}. */
    public static CalendarSource local(List<Document> documents) {
        return new CalendarSource(Kind.LOCAL, documents);
    }

    /** A computed year. */
    public static CalendarSource provisional() {
        return new CalendarSource(Kind.PROVISIONAL, List.of());
    }

    /** Data given without a document: a court's own, named only as "given directly". */
    static CalendarSource given() {
        return local(List.of(new Document(Optional.empty(), Optional.empty(), "given directly, without a document")));
    }

    /** Whether the year is computed rather than published. */
    public boolean isProvisional() {
        return kind == Kind.PROVISIONAL;
    }

    /** For example {@code official: 国办发明电〔2019〕16号 of 2019-11-21 (…)}, or {@code provisional}. */
    public String describe() {
        if (isProvisional()) {
            return "provisional (statutory holidays only)";
        }
        StringBuilder text = new StringBuilder(kind.name().toLowerCase(Locale.ROOT)).append(": ");
        for (int i = 0; i < documents.size(); i++) {
            text.append(i == 0 ? "" : "; ").append(documents.get(i));
        }
        return text.toString();
    }
}
