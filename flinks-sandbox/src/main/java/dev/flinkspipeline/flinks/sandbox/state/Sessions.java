package dev.flinkspipeline.flinks.sandbox.state;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RequestIds and their life cycle: a new one per Authorize; idle expiry refreshed by each use; a hard cap
 * on total life. Expired sessions stay known for a while so that the answer can say SESSION_EXPIRED rather
 * than SESSION_NONEXISTENT.
 */
public final class Sessions {

    public enum Status {
        ACTIVE,
        EXPIRED,
        NONEXISTENT
    }

    public record Lookup(Status status, Session session) {}

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final long idleNanos;
    private final long capNanos;
    private final long forgetNanos = Duration.ofMinutes(10).toNanos();

    public Sessions(Duration idleTimeout, Duration maxLifetime) {
        this.idleNanos = idleTimeout.toNanos();
        this.capNanos = maxLifetime.toNanos();
    }

    public Session open(Login login, String token, Session.State state, boolean newConnectionOnSuccess, long now) {
        Session s = new Session(UUID.randomUUID().toString(), login, token, state, newConnectionOnSuccess, now);
        sessions.put(s.requestId(), s);
        return s;
    }

    /** Finds a session and, when active, refreshes its idle clock. */
    public Lookup use(String requestId, long now) {
        Session s = find(requestId);
        if (s == null) {
            return new Lookup(Status.NONEXISTENT, null);
        }
        if (expired(s, now)) {
            return new Lookup(Status.EXPIRED, s);
        }
        s.touch(now);
        return new Lookup(Status.ACTIVE, s);
    }

    /** The session of a RequestId, active or expired but not yet forgotten; does not count as a use. */
    public Session find(String requestId) {
        return requestId == null ? null : sessions.get(requestId.trim().toLowerCase(Locale.ROOT));
    }

    private boolean expired(Session s, long now) {
        return now - s.lastUsedNanos() > idleNanos || now - s.createdNanos() > capNanos;
    }

    public void sweep(long now) {
        sessions.values()
                .removeIf(s -> expired(s, now)
                        && (now - s.lastUsedNanos() > idleNanos + forgetNanos
                                || now - s.createdNanos() > capNanos + forgetNanos));
    }

    public int size() {
        return sessions.size();
    }

    public void clear() {
        sessions.clear();
    }
}
