package dev.flinkspipeline.tools.kafka;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time range an operator command looks at, by the records' Kafka timestamps: from {@code since}
 * (inclusive, null: the beginning) to {@code until} (exclusive, null: now and later).
 */
public record TimeWindow(Instant since, Instant until) {

    public static final TimeWindow ALL = new TimeWindow(null, null);

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    public TimeWindow {
        if (since != null && until != null && !since.isBefore(until)) {
            throw new IllegalArgumentException("--since must be before --until");
        }
    }

    /**
     * From the options' text: an ISO-8601 instant ({@code 2026-11-27T05:00:00Z}) or a duration back from
     * {@code now} ({@code 90s}, {@code 15m}, {@code 2h}, {@code 7d}, or ISO {@code PT2H}).
     */
    public static TimeWindow parse(String sinceOrNull, String untilOrNull, Instant now) {
        return new TimeWindow(instant(sinceOrNull, now, "--since"), instant(untilOrNull, now, "--until"));
    }

    public boolean contains(Instant at) {
        return (since == null || !at.isBefore(since)) && (until == null || at.isBefore(until));
    }

    static Instant instant(String text, Instant now, String option) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.trim();
        Matcher shortForm = SHORT_DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (shortForm.matches()) {
            long amount = Long.parseLong(shortForm.group(1));
            Duration back = switch (shortForm.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            return now.minus(back);
        }
        try {
            if (value.startsWith("P") || value.startsWith("p")) {
                return now.minus(Duration.parse(value));
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " expects an ISO-8601 instant (2026-11-27T05:00:00Z) or a "
                    + "duration back from now (90s, 15m, 2h, 7d, PT2H), got '" + value + "'");
        }
    }
}
