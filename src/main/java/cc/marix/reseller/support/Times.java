package cc.marix.reseller.support;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Times that DynamoDB compares as strings: ISO-8601 UTC with exactly three fraction digits, so that text order is
 * time order (Instant.toString drops zero fractions, and "10:30:00Z" would sort after "10:30:00.5Z").
 * <p>
 * Written and read by hand for the years 0001-9999, the same text {@link DateTimeFormatter} gives and reads: every
 * order writes and reads several, and the formatter's general machinery cost more CPU than building the whole order
 * item (BENCHMARKS.md, "CPU per request"). Any other year, or any other form when reading, goes the general way.
 */
public final class Times {

    private static final DateTimeFormatter SORTABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final int LAST_FAST_YEAR = 9999;
    /** {@code 2026-05-14T10:30:00Z}: the API's form. */
    private static final int API_LENGTH = 20;
    private static final int SECONDS_PER_DAY = 86_400;
    private static final long FIRST_FAST_DAY = LocalDate.of(1, 1, 1).toEpochDay();
    private static final long LAST_FAST_DAY = LocalDate.of(LAST_FAST_YEAR, 12, 31).toEpochDay();

    private Times() {
    }

    /** Times shown to clients, as the seed writes them: whole seconds, UTC ({@code 2026-05-14T10:30:00Z}). */
    public static String api(Instant instant) {
        LocalDateTime time = utc(instant.getEpochSecond());
        if (time == null) {
            return instant.truncatedTo(ChronoUnit.SECONDS).toString();
        }
        return seconds(new StringBuilder(API_LENGTH), time).append('Z').toString();
    }

    public static String sortable(Instant instant) {
        LocalDateTime time = utc(instant.getEpochSecond());
        if (time == null) {
            return SORTABLE.format(instant.truncatedTo(ChronoUnit.MILLIS));
        }
        StringBuilder text = seconds(new StringBuilder(API_LENGTH + 4), time).append('.');
        return digits(text, instant.getNano() / 1_000_000, 3).append('Z').toString();
    }

    /** The sortable form of a time given as text (the API's form, or any form {@link #parse} reads). */
    public static String sortable(String time) {
        return sortable(parse(time));
    }

    /** Reads a time in the API's form, or any form {@link Instant#parse} reads. */
    public static Instant parse(String text) {
        if (!isApiForm(text)) {
            return Instant.parse(text);
        }
        try {
            LocalDateTime time = LocalDateTime.of(number(text, 0, 4), number(text, 5, 2), number(text, 8, 2),
                    number(text, 11, 2), number(text, 14, 2), number(text, 17, 2));
            return Instant.ofEpochSecond(time.toEpochSecond(ZoneOffset.UTC));
        } catch (RuntimeException e) {
            // out of range (a 13th month, a 61st second): whatever the general reader says of it
            return Instant.parse(text);
        }
    }

    private static boolean isApiForm(String text) {
        return text.length() == API_LENGTH && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(19) == 'Z'
                && allDigits(text, 0, 4) && allDigits(text, 5, 2) && allDigits(text, 8, 2) && allDigits(text, 11, 2)
                && allDigits(text, 14, 2) && allDigits(text, 17, 2);
    }

    private static boolean allDigits(String text, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            value = value * 10 + text.charAt(i) - '0';
        }
        return value;
    }

    /** The UTC date and time of a second, or null outside the years written by hand. */
    private static LocalDateTime utc(long epochSecond) {
        long day = Math.floorDiv(epochSecond, SECONDS_PER_DAY);
        if (day < FIRST_FAST_DAY || day > LAST_FAST_DAY) {
            return null;
        }
        return LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
    }

    private static StringBuilder seconds(StringBuilder text, LocalDateTime time) {
        digits(text, time.getYear(), 4).append('-');
        digits(text, time.getMonthValue(), 2).append('-');
        digits(text, time.getDayOfMonth(), 2).append('T');
        digits(text, time.getHour(), 2).append(':');
        digits(text, time.getMinute(), 2).append(':');
        return digits(text, time.getSecond(), 2);
    }

    private static StringBuilder digits(StringBuilder text, int value, int width) {
        String number = Integer.toString(value);
        for (int pad = number.length(); pad < width; pad++) {
            text.append('0');
        }
        return text.append(number);
    }
}
