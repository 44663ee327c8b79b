package dev.consentvault.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComplaintCategoryTest {

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Please DELETE MY data                     | ERASURE",
                "Forget me, I never signed up              | ERASURE",
                "Por favor, borrar mis datos               | ERASURE",
                "I unsubscribed and still get spam         | MARKETING",
                "Send me a copy of my data                 | ACCESS",
                "Was my data part of a breach?             | SECURITY",
                "The page was slow                         | OTHER"
            })
    void complaintsAreSortedByWhatTheyAsk(String message, ComplaintCategory expected) {
        assertEquals(expected, ComplaintCategory.classify(message));
    }
}
