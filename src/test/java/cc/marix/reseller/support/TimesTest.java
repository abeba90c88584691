package cc.marix.reseller.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The hand-written forms against what java.time writes and reads, over the whole range and its edges. */
class TimesTest {

    private static final DateTimeFormatter SORTABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final long FIRST = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    @Test
    void api_sortableAndParse_shouldMatchJavaTime_atRandomInstantsOfEveryYear() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(FIRST, LAST + 1), random.nextInt(1_000_000_000));
            assertSame(instant);
        }
    }

    @Test
    void api_sortableAndParse_shouldMatchJavaTime_atTheEdges() {
        for (String edge : new String[] {"0001-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "1970-01-01T00:00:00Z",
                "2000-02-29T12:00:00Z", "2026-12-31T23:59:59Z", "9999-12-31T23:59:59Z"}) {
            Instant instant = Instant.parse(edge);
            assertSame(instant);
            assertSame(instant.plusNanos(999_999_999));
            assertSame(instant.plusMillis(1));
        }
    }

    @Test
    void yearsOutsideTheHandWrittenRange_shouldGoTheGeneralWay() {
        // year 0 too: the sortable pattern writes the year of era, 0001 (BC), and the hand-written form must not differ
        for (Instant instant : new Instant[] {Instant.parse("-0001-12-31T23:59:59.5Z"), Instant.parse("0000-06-01T00:00:00Z"),
                Instant.parse("+10000-01-01T00:00:00Z")}) {
            assertEquals(instant.truncatedTo(ChronoUnit.SECONDS).toString(), Times.api(instant));
            assertEquals(SORTABLE.format(instant.truncatedTo(ChronoUnit.MILLIS)), Times.sortable(instant));
        }
    }

    @Test
    void parse_shouldReadOtherFormsAsJavaTimeDoes_andRefuseWhatItRefuses() {
        for (String text : new String[] {"2026-05-14T10:30:00.5Z", "2026-05-14T10:30:00.123456789Z",
                "2026-06-30T23:59:60Z", "2026-05-14T24:00:00Z", "2026-05-14T10:30:00z", "+10000-01-01T00:00:00Z"}) {
            assertEquals(Instant.parse(text), Times.parse(text), text);
        }
        for (String text : new String[] {"2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-05-14T24:00:01Z",
                "2026-05-14 10:30:00Z", "2026-05-1４T10:30:00Z", ""}) {
            assertThrows(DateTimeParseException.class, () -> Times.parse(text), text);
        }
    }

    @Test
    void sortableOfAnApiTime_shouldBeTheSortableOfItsInstant() {
        assertEquals("2026-05-14T10:30:00.000Z", Times.sortable("2026-05-14T10:30:00Z"));
        assertEquals("2026-05-14T10:30:00.500Z", Times.sortable("2026-05-14T10:30:00.5Z"));
        // the API's shape but out of range, or where java.time moves it: as java.time has it, never copied
        assertEquals("2026-05-15T00:00:00.000Z", Times.sortable("2026-05-14T24:00:00Z"));
        assertEquals("2026-06-30T23:59:59.000Z", Times.sortable("2026-06-30T23:59:60Z"));
        assertEquals("0001-06-01T00:00:00.000Z", Times.sortable("0000-06-01T00:00:00Z"));
        assertThrows(DateTimeParseException.class, () -> Times.sortable("2026-02-30T00:00:00Z"));
    }

    private static void assertSame(Instant instant) {
        String api = instant.truncatedTo(ChronoUnit.SECONDS).toString();
        assertEquals(api, Times.api(instant), instant::toString);
        assertEquals(SORTABLE.format(instant.truncatedTo(ChronoUnit.MILLIS)), Times.sortable(instant),
                instant::toString);
        assertEquals(Instant.parse(api), Times.parse(api), api);
        assertEquals(SORTABLE.format(Instant.parse(api)), Times.sortable(api), api);
    }
}
