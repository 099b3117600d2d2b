package org.casefunds.ledger.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Goal: "did you mean" names the field a typo was meant to be, and nothing when no field is close.
 *
 * <p>Method: typos of each kind (a letter left out, one too many, one changed, two swapped, case,
 * an underscore) against a record's fields, and words that are no typo of any.
 */
class FieldNamesTest {
    private static final List<String> RECEIPT = List.of("amount", "bankAccount", "bankReference", "caseNumber", "memo",
            "payer", "source", "subAccountNumber");

    @Test
    void eachKindOfTypoFindsTheFieldItMeans() {
        assertEquals(Optional.of("amount"), FieldNames.closest("amout", RECEIPT));
        assertEquals(Optional.of("amount"), FieldNames.closest("amounts", RECEIPT));
        assertEquals(Optional.of("memo"), FieldNames.closest("memp", RECEIPT));
        assertEquals(Optional.of("payer"), FieldNames.closest("paeyr", RECEIPT));
        assertEquals(Optional.of("bankAccount"), FieldNames.closest("BankAccount", RECEIPT));
        assertEquals(Optional.of("bankAccount"), FieldNames.closest("bank_account", RECEIPT));
        assertEquals(Optional.of("subAccountNumber"), FieldNames.closest("subAcountNumbr", RECEIPT));
    }

    @Test
    void aWordThatIsNoTypoOfAFieldHasNoSuggestion() {
        assertEquals(Optional.empty(), FieldNames.closest("colour", RECEIPT));
        assertEquals(Optional.empty(), FieldNames.closest("x", RECEIPT));
        assertEquals(Optional.empty(), FieldNames.closest("total", RECEIPT));
        assertEquals(Optional.empty(), FieldNames.closest("a".repeat(10_000), RECEIPT));
    }

    @Test
    void theDistanceCountsASwapOfNeighboursAsOneEdit() {
        assertEquals(1, FieldNames.distance("nmae", "name"));
        assertEquals(3, FieldNames.distance("kitten", "sitting"));
        assertEquals(0, FieldNames.distance("", ""));
        assertEquals(3, FieldNames.distance("abc", ""));
    }
}
