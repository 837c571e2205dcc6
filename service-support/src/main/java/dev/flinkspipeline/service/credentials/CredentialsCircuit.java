package dev.flinkspipeline.service.credentials;

import dev.flinkspipeline.flinks.client.Credential;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * Whether Flinks refuses one of our own credentials, and since when: open while at least one is refused
 * (confirmed by a probe), closed again once a probe finds every one accepted. Keeps the last outages, so a
 * job can be credited the time it was held back. Pure state, thread-safe: no I/O, no timers.
 */
public final class CredentialsCircuit implements CircuitOutages {

    /** Outages remembered for crediting deadlines (a job lives about half an hour; this is plenty). */
    static final int KEPT_OUTAGES = 1000;

    /** What a refusal changed. */
    public enum Change {
        /** The circuit was closed: it is open now. */
        OPENED,
        /** The circuit was already open for another credential: this one is refused too. */
        ALSO_REFUSED,
        /** Nothing: this credential was already known to be refused. */
        NONE
    }

    private record Outage(Instant from, Instant to) {}

    private final EnumSet<Credential> refused = EnumSet.noneOf(Credential.class);
    private final ArrayDeque<Outage> past = new ArrayDeque<>();
    private Instant openedAt;
    private long openings;

    /** A probe confirmed that Flinks refuses {@code credential}. */
    public synchronized Change refused(Credential credential, Instant now) {
        boolean wasOpen = !refused.isEmpty();
        if (!refused.add(credential)) {
            return Change.NONE;
        }
        if (wasOpen) {
            return Change.ALSO_REFUSED;
        }
        openedAt = now;
        openings++;
        return Change.OPENED;
    }

    /**
     * A probe found {@code credential} accepted.
     *
     * @return how long the circuit was open, when this closed it
     */
    public synchronized Optional<Duration> accepted(Credential credential, Instant now) {
        if (!refused.remove(credential) || !refused.isEmpty()) {
            return Optional.empty();
        }
        Instant to = now.isBefore(openedAt) ? openedAt : now;
        past.addLast(new Outage(openedAt, to));
        if (past.size() > KEPT_OUTAGES) {
            past.removeFirst();
        }
        Duration open = Duration.between(openedAt, to);
        openedAt = null;
        return Optional.of(open);
    }

    public synchronized boolean isOpen() {
        return !refused.isEmpty();
    }

    public synchronized boolean refuses(Credential credential) {
        return refused.contains(credential);
    }

    /** The credentials refused now (empty: closed). */
    public synchronized Set<Credential> refused() {
        return refused.isEmpty() ? Set.of() : EnumSet.copyOf(refused);
    }

    /** Since when the circuit is open. */
    public synchronized Optional<Instant> openedAt() {
        return Optional.ofNullable(openedAt);
    }

    /** Times the circuit opened. */
    public synchronized long openings() {
        return openings;
    }

    @Override
    public synchronized Duration openBetween(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        Duration total = openedAt == null ? Duration.ZERO : overlap(openedAt, to, from, to);
        // Newest first, and outages follow each other: every step asks about its own recent past, so this
        // usually stops at the first one.
        for (Iterator<Outage> newestFirst = past.descendingIterator(); newestFirst.hasNext(); ) {
            Outage outage = newestFirst.next();
            if (!outage.to().isAfter(from)) {
                break;
            }
            total = total.plus(overlap(outage.from(), outage.to(), from, to));
        }
        return total;
    }

    private static Duration overlap(Instant aFrom, Instant aTo, Instant bFrom, Instant bTo) {
        Instant start = aFrom.isAfter(bFrom) ? aFrom : bFrom;
        Instant end = aTo.isBefore(bTo) ? aTo : bTo;
        return end.isAfter(start) ? Duration.between(start, end) : Duration.ZERO;
    }
}
