package dev.flinkspipeline.tools.redrive;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest failure of each login: a login "ended in PipelineFailed" by its last failure, and an earlier one
 * is superseded by it (the filter is applied to the latest only, so a login is never re-driven for a failure
 * it already went past).
 */
final class LatestFailures {

    private final Map<String, FailedLogin> latest = new HashMap<>();

    /** Later by Kafka timestamp wins; on a tie, the one read later (a login's records share a partition). */
    void add(FailedLogin failure) {
        latest.merge(failure.loginId(), failure, (known, next) -> next.at().isBefore(known.at()) ? known : next);
    }

    int logins() {
        return latest.size();
    }

    /** The latest failures that match, oldest first. */
    List<FailedLogin> matching(RedriveFilter filter) {
        return latest.values().stream()
                .filter(filter::matches)
                .sorted(Comparator.comparing(FailedLogin::at).thenComparing(FailedLogin::loginId))
                .toList();
    }
}
