package dev.flinkspipeline.flinks.sandbox.state;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One-time authorize tokens (GenerateAuthorizeToken). A token is valid for a TTL while unused; the first
 * Authorize (or Connect page load) binds it to what it opened, and only that session's MFA answer round
 * may present it again.
 */
public final class AuthorizeTokens {

    public enum Status {
        VALID,
        USED,
        EXPIRED,
        UNKNOWN
    }

    public static final class Token {
        final String value;
        final long createdNanos;
        final AtomicReference<String> usedBy = new AtomicReference<>();

        Token(String value, long createdNanos) {
            this.value = value;
            this.createdNanos = createdNanos;
        }

        public String value() {
            return value;
        }

        /** What the token opened: a RequestId or "connect:&lt;flowId&gt;"; null while unused. */
        public String usedBy() {
            return usedBy.get();
        }
    }

    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final long ttlNanos;

    public AuthorizeTokens(Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    public String issue(long now) {
        String value = UUID.randomUUID().toString();
        tokens.put(value, new Token(value, now));
        return value;
    }

    public Token get(String value) {
        return value == null ? null : tokens.get(value.trim());
    }

    public Status status(Token token, long now) {
        if (token == null) {
            return Status.UNKNOWN;
        }
        if (token.usedBy.get() != null) {
            return Status.USED;
        }
        return now - token.createdNanos > ttlNanos ? Status.EXPIRED : Status.VALID;
    }

    /** Atomically marks an unused, unexpired token as used by {@code owner}; false if someone else won. */
    public boolean consume(Token token, String owner, long now) {
        return now - token.createdNanos <= ttlNanos && token.usedBy.compareAndSet(null, owner);
    }

    public void sweep(long now) {
        long keep = ttlNanos + Duration.ofMinutes(10).toNanos();
        tokens.values().removeIf(t -> now - t.createdNanos > keep);
    }

    public void clear() {
        tokens.clear();
    }

    public int size() {
        return tokens.size();
    }
}
