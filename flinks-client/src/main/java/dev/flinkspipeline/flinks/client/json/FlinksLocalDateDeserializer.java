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

    /** Parses {@code yyyy-MM-dd}, {@code yyyy/MM/dd}, or the date part of a date-time. */
    public static LocalDate parse(String text) {
        String date = text.length() > 10 && (text.charAt(10) == 'T' || text.charAt(10) == ' ')
                ? text.substring(0, 10) : text;
        return LocalDate.parse(date.replace('/', '-'));
    }
}
