package dev.flinkspipeline.ingest.binding;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bindings the claims log decided, in memory: for each session, the first claim in log order names its
 * login, and the first claim carrying content names what that login's LoginReceived says. Every instance
 * applies the same log in the same order (all claims of a session share one partition, keyed by session),
 * so every instance decides the same; a claim never changes a decision made before it.
 *
 * <p>A binding is forgotten {@code grace} after its tag expired: an expired tag is refused before any claim,
 * and the grace covers clocks of instances that disagree a little.
 */
public final class TagBindingLedger {

    /** The decided binding of one session. */
    record Binding(String loginId, String content, Instant expiresAt) {}

    private final Map<String, Binding> bindings = new ConcurrentHashMap<>();
    private final Duration grace;

    public TagBindingLedger(Duration grace) {
        this.grace = Objects.requireNonNull(grace, "grace");
    }

    /** Applies the next claim of the log (called in log order, by one thread). */
    public void apply(TagClaim claim, Instant now) {
        if (claim.expiresAt().plus(grace).isBefore(now)) {
            return;
        }
        bindings.compute(claim.sessionId(), (session, binding) -> {
            if (binding == null) {
                return new Binding(claim.loginId(), claim.content(), claim.expiresAt());
            }
            if (binding.content() == null
                    && claim.content() != null
                    && binding.loginId().equals(claim.loginId())) {
                return new Binding(binding.loginId(), claim.content(), binding.expiresAt());
            }
            return binding;
        });
    }

    /**
     * The decision on {@code claim} once the log was read up to and including it; empty when no claim of
     * its session is known (it expired and was skipped).
     */
    public Optional<BindingDecision> decide(TagClaim claim) {
        Binding binding = bindings.get(claim.sessionId());
        if (binding == null) {
            return Optional.empty();
        }
        if (!binding.loginId().equals(claim.loginId())) {
            return Optional.of(BindingDecision.OTHER_LOGIN);
        }
        if (claim.content() != null
                && binding.content() != null
                && !binding.content().equals(claim.content())) {
            return Optional.of(BindingDecision.OTHER_CONTENT);
        }
        return Optional.of(BindingDecision.BOUND);
    }

    /**
     * The decision on {@code claim} from what is already known, when writing it could not change anything:
     * the session is bound (to this login or another) and, for a claim with content, its content is known
     * too. Empty when the claim must go to the log first.
     */
    public Optional<BindingDecision> decideWithoutWriting(TagClaim claim) {
        Binding binding = bindings.get(claim.sessionId());
        if (binding == null) {
            return Optional.empty();
        }
        if (binding.loginId().equals(claim.loginId()) && claim.content() != null && binding.content() == null) {
            return Optional.empty();
        }
        return decide(claim);
    }

    /** Forgets bindings whose tags expired more than the grace ago. */
    public void prune(Instant now) {
        Instant limit = now.minus(grace);
        bindings.values().removeIf(b -> b.expiresAt().isBefore(limit));
    }

    public int size() {
        return bindings.size();
    }
}
