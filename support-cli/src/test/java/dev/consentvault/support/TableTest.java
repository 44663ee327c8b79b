package dev.consentvault.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.consentvault.core.privacy.Filing;
import dev.consentvault.core.privacy.LegalRegime;
import dev.consentvault.core.privacy.PrivacyRequest;
import dev.consentvault.core.privacy.RequestStatus;
import dev.consentvault.core.privacy.RequestType;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void columnsAreAsWideAsTheirWidestCellTwoSpacesApartWithoutTrailingBlanks() {
        String table =
                new Table(List.of("ID", "STATUS", "TICKET"))
                        .row(List.of("a", "RECEIVED", "SUP-1"))
                        .row(Arrays.asList("bbbb", "OPEN", null))
                        .render();
        assertEquals(
                """
                ID    STATUS    TICKET
                a     RECEIVED  SUP-1
                bbbb  OPEN      -
                """,
                table);
    }

    @Test
    void wideCharactersCountOnceAndLineBreaksInACellDoNotBreakTheRow() {
        String table =
                new Table(List.of("A", "B"))
                        .row(List.of("ñandú", "x"))
                        .row(List.of("multi\nline", "y"))
                        .render();
        assertEquals(
                """
                A           B
                ñandú       x
                multi line  y
                """,
                table);
    }

    @Test
    void aRowMustFillEveryColumn() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new Table(List.of("A", "B")).row(List.of("1")));
    }

    @Test
    void requestRowsSayWhichClockRanOut() {
        Instant received = Instant.parse("2027-01-31T09:30:00Z");
        PrivacyRequest request =
                PrivacyRequest.builder("0b8e0c1e-8d5e-4a8e-9d3c-1f2e3d4c5b6a", RequestType.DELETION)
                        .status(RequestStatus.RECEIVED)
                        .filing(new Filing("EU", "staff:ana", "SUP-7"))
                        .clock(
                                LegalRegime.GDPR,
                                received,
                                Instant.parse("2027-02-03T09:30:00Z"),
                                Instant.parse("2027-02-28T09:30:00Z"))
                        .build();
        Table table = new Table(RequestView.TABLE_HEADERS);
        table.row(RequestView.row(request, Instant.parse("2027-02-01T00:00:00Z")));
        table.row(RequestView.row(request, Instant.parse("2027-02-10T00:00:00Z")));
        table.row(RequestView.row(request, Instant.parse("2027-03-01T00:00:00Z")));
        assertEquals(
                """
                REQUEST                               TYPE      STATUS    JURISDICTION  RECEIVED           \
                ACKNOWLEDGE BY     DUE                OVERDUE           TICKET
                0b8e0c1e-8d5e-4a8e-9d3c-1f2e3d4c5b6a  deletion  RECEIVED  EU            2027-01-31 09:30Z  \
                2027-02-03 09:30Z  2027-02-28 09:30Z  no                SUP-7
                0b8e0c1e-8d5e-4a8e-9d3c-1f2e3d4c5b6a  deletion  RECEIVED  EU            2027-01-31 09:30Z  \
                2027-02-03 09:30Z  2027-02-28 09:30Z  not acknowledged  SUP-7
                0b8e0c1e-8d5e-4a8e-9d3c-1f2e3d4c5b6a  deletion  RECEIVED  EU            2027-01-31 09:30Z  \
                2027-02-03 09:30Z  2027-02-28 09:30Z  past due          SUP-7
                """,
                table.render());
    }
}
