package dev.flinkspipeline.schemas;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The {@code flinks-redrive} header: an operator re-drove a login that ended in {@code PipelineFailed}
 * ({@code pipeline-tools redrive}), and this record is that re-drive. Its value, the redrive id, names the
 * failure it answers: {@code <PipelineFailed.eventId>@<failedAt>}. The time is part of it because a job that
 * fails again after a re-drive usually gets the same deterministic eventId, and must still be re-drivable
 * once more; reading the same failure twice gives the same id, so a repeated re-drive is recognised.
 */
public final class RedriveHeader {

    public static final String NAME = "flinks-redrive";

    private RedriveHeader() {}

    /** The redrive id of the failure {@code failedEventId} decided at {@code failedAt}. */
    public static String id(String failedEventId, Instant failedAt) {
        if (failedEventId == null || failedEventId.isBlank()) {
            throw new IllegalArgumentException("failedEventId must not be blank");
        }
        Objects.requireNonNull(failedAt, "failedAt");
        return failedEventId + "@" + DateTimeFormatter.ISO_INSTANT.format(failedAt);
    }

    /** The redrive id a record carries, or null when it is not a re-drive (no header, or a blank one). */
    public static String read(Headers headers) {
        Header header = headers.lastHeader(NAME);
        if (header == null || header.value() == null) {
            return null;
        }
        String value = new String(header.value(), StandardCharsets.UTF_8).trim();
        return value.isEmpty() ? null : value;
    }

    /** Marks {@code headers} as the re-drive {@code redriveId}, replacing an earlier mark. */
    public static Headers write(Headers headers, String redriveId) {
        if (redriveId == null || redriveId.isBlank()) {
            throw new IllegalArgumentException("redriveId must not be blank");
        }
        headers.remove(NAME);
        headers.add(NAME, redriveId.getBytes(StandardCharsets.UTF_8));
        return headers;
    }
}
