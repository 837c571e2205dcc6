package dev.flinkspipeline.flinks.client.json;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Reads Flinks timestamps such as {@code LastRefresh}. Flinks sends UTC without an offset
 * ({@code 2020-04-15T22:46:03.1690585}, up to 7 fractional digits), webhooks sometimes with {@code Z},
 * and {@code 0001-01-01T00:00:00} for "never" (kept as {@code 0001-01-01T00:00:00Z}, see
 * {@link dev.flinkspipeline.flinks.client.model.Login#NEVER_REFRESHED}).
 */
public final class FlinksInstantDeserializer extends FlinksTextDeserializer<Instant> {

    public FlinksInstantDeserializer() {
        super(Instant.class, "not a Flinks timestamp (expected ISO local date-time, UTC implied)");
    }

    @Override
    Instant parseText(String text) {
        return parse(text);
    }

    /** Parses one Flinks timestamp; a missing offset means UTC. */
    public static Instant parse(String text) {
        if (hasOffset(text)) {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        }
        return LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
    }

    private static boolean hasOffset(String text) {
        int timeStart = text.indexOf('T');
        if (timeStart < 0) {
            return false;
        }
        char last = text.charAt(text.length() - 1);
        if (last == 'Z' || last == 'z') {
            return true;
        }
        return text.indexOf('+', timeStart) > 0 || text.indexOf('-', timeStart) > 0;
    }
}
