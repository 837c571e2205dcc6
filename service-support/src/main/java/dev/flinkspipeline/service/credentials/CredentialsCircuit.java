package dev.flinkspipeline.service.credentials;

import dev.flinkspipeline.flinks.client.Credential;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Whether Flinks refuses one of our own credentials (a probe confirmed it), and since when: open while any is
 * refused. Keeps the last outages to credit jobs the time they were held back. Pure state, thread-safe.
 */
public final class CredentialsCircuit implements CircuitOutages {

    /** Outages kept for crediting deadlines: plenty, a job lives about half an hour. */
    static final int KEPT_OUTAGES = 1000;

    /** What a refusal changed: the circuit OPENED, ALSO_REFUSED (open for another credential), NONE (known). */
    public enum Change {
        OPENED,
        ALSO_REFUSED,
        NONE
    }

    private record Outage(Instant from, Instant to) {}

    private final EnumSet<Credential> refused = EnumSet.noneOf(Credential.class);
    private final ArrayDeque<Outage> past = new ArrayDeque<>();
    private Instant openedAt;

    /** A probe confirmed that Flinks refuses {@code credential}. */
    public synchronized Change refused(Credential credential, Instant now) {
        if (!refused.add(credential)) {
            return Change.NONE;
        }
        if (openedAt != null) {
            return Change.ALSO_REFUSED;
        }
        openedAt = now;
        return Change.OPENED;
    }

    /** A probe found {@code credential} accepted; how long the circuit was open, when this closed it. */
    public synchronized Optional<Duration> accepted(Credential credential, Instant now) {
        if (!refused.remove(credential) || !refused.isEmpty()) {
            return Optional.empty();
        }
        Outage outage = new Outage(openedAt, now.isBefore(openedAt) ? openedAt : now);
        past.addLast(outage);
        if (past.size() > KEPT_OUTAGES) {
            past.removeFirst();
        }
        openedAt = null;
        return Optional.of(Duration.between(outage.from(), outage.to()));
    }

    public synchronized boolean isOpen() {
        return openedAt != null;
    }

    /** The credentials refused now (empty: closed). */
    public synchronized Set<Credential> refused() {
        return EnumSet.copyOf(refused);
    }

    public synchronized Optional<Instant> openedAt() {
        return Optional.ofNullable(openedAt);
    }

    @Override
    public synchronized Duration openBetween(Instant from, Instant to) {
        Duration total = openedAt == null ? Duration.ZERO : overlap(new Outage(openedAt, to), from, to);
        // Newest first: a step asks about its own recent past, so this usually stops at the first outage.
        for (Outage outage : past.reversed()) {
            if (!outage.to().isAfter(from)) {
                break;
            }
            total = total.plus(overlap(outage, from, to));
        }
        return total;
    }

    private static Duration overlap(Outage outage, Instant from, Instant to) {
        Instant start = outage.from().isAfter(from) ? outage.from() : from;
        Instant end = outage.to().isBefore(to) ? outage.to() : to;
        return end.isAfter(start) ? Duration.between(start, end) : Duration.ZERO;
    }
}
