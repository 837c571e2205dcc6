package dev.flinkspipeline.flinks.client.json;

import java.time.LocalDate;

/**
 * Reads transaction dates. Flinks examples use {@code 2025-01-31}; older payloads used
 * {@code 2025/01/31} and some carry a time part ({@code 2025-01-31T00:00:00}), which is dropped.
 */
public final class FlinksLocalDateDeserializer extends FlinksTextDeserializer<LocalDate> {

    public FlinksLocalDateDeserializer() {
        super(LocalDate.class, "not a Flinks date (expected yyyy-MM-dd)");
    }

    @Override
    LocalDate parseText(String text) {
        return parse(text);
    }

    /**
     * Parses {@code yyyy-MM-dd}, {@code yyyy/MM/dd}, or the date part of a date-time.
     *
     * @throws java.time.DateTimeException when it is none of them, or no day of the calendar
     */
    public static LocalDate parse(String text) {
        if (text.length() == 10 || text.length() > 10 && (text.charAt(10) == 'T' || text.charAt(10) == ' ')) {
            char separator = text.charAt(4);
            if ((separator == '-' || separator == '/') && text.charAt(7) == separator) {
                int year = digits(text, 0, 4);
                int month = digits(text, 5, 2);
                int day = digits(text, 8, 2);
                if (year >= 0 && month >= 0 && day >= 0) {
                    // One date per transaction: DateTimeFormatter would allocate a parse context for each.
                    return LocalDate.of(year, month, day);
                }
            }
        }
        String date =
                text.length() > 10 && (text.charAt(10) == 'T' || text.charAt(10) == ' ') ? text.substring(0, 10) : text;
        return LocalDate.parse(date.replace('/', '-'));
    }

    /** The number {@code count} ASCII digits spell from {@code start}, or -1 when one is no digit. */
    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
