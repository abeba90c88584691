package cc.marix.reseller.support;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Times that DynamoDB compares as strings: ISO-8601 UTC with exactly three fraction digits, so that text order is
 * time order (Instant.toString drops zero fractions, and "10:30:00Z" would sort after "10:30:00.5Z").
 */
public final class Times {

    private static final DateTimeFormatter SORTABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Times() {
    }

    /** Times shown to clients, as the seed writes them: whole seconds, UTC ({@code 2026-05-14T10:30:00Z}). */
    public static String api(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public static String sortable(Instant instant) {
        return SORTABLE.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }
}
