package dev.flinkspipeline.tools.remap;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The kept webhooks to re-post, in the order they were read, each body once. A webhook still unmappable lands
 * on the unhandled topic again with the same eventId, so without this each run would post every earlier
 * copy again and the copies would double.
 */
final class UnhandledSelection {

    private final UnhandledFilter filter;
    private final List<UnhandledWebhook> selected = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private int copies;

    UnhandledSelection(UnhandledFilter filter) {
        this.filter = filter;
    }

    void offer(UnhandledWebhook webhook) {
        if (!filter.matches(webhook)) {
            return;
        }
        if (seen.add(webhook.eventId())) {
            selected.add(webhook);
        } else {
            copies++;
        }
    }

    List<UnhandledWebhook> selected() {
        return List.copyOf(selected);
    }

    /** Matching records left out because an equal body was already selected. */
    int copies() {
        return copies;
    }
}
