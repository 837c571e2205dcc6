package dev.flinkspipeline.flinks.client;

import java.time.Duration;

/**
 * Observes every completed call, e.g. for latency metrics by endpoint and status. Called on a client
 * thread just before the call's future completes; keep it fast and non-blocking. Exceptions it throws
 * are logged and ignored.
 */
@FunctionalInterface
public interface FlinksCallListener {

    void onCompleted(FlinksOperation operation, FlinksResult<?> result, Duration elapsed);

    FlinksCallListener NONE = (operation, result, elapsed) -> {};
}
