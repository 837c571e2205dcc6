package dev.flinkspipeline.tools.remap;

import dev.flinkspipeline.tools.kafka.TimeWindow;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which kept webhooks to re-post: by the reason ingest gave ({@code unhandled-reason}; empty: any, including
 * records without the header), time window and loginId (null: any).
 */
record UnhandledFilter(Set<String> reasons, TimeWindow window, String loginId) {

    UnhandledFilter {
        reasons = reasons.stream().map(r -> r.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        loginId = loginId == null || loginId.isBlank() ? null : loginId.trim().toLowerCase(Locale.ROOT);
    }

    boolean matches(UnhandledWebhook webhook) {
        return (reasons.isEmpty()
                        || webhook.reason() != null
                                && reasons.contains(webhook.reason().toLowerCase(Locale.ROOT)))
                && window.contains(webhook.at())
                && (loginId == null || loginId.equals(webhook.loginId()));
    }
}
