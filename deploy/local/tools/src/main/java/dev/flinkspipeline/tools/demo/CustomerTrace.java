package dev.flinkspipeline.tools.demo;

import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.AttributesReady;
import dev.flinkspipeline.events.KycReceived;
import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.events.PipelineFailed;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Everything the pipeline published about one loginId, in the order the watcher saw it. */
public final class CustomerTrace {

    /**
     * One event: where it was, the record's timestamp (epoch ms: the producer's send time, or the broker's append
     * time on a LogAppendTime topic), when the watcher saw it, the decoded SpecificRecord and its CloudEvents id.
     */
    public record Seen(
            String topic,
            int partition,
            long offset,
            long timestamp,
            Instant seenAt,
            long seenAtNanos,
            Object event,
            String eventId) {

        /** {@code nanoTime} (same clock as {@link #seenAtNanos}) on the wall clock, in epoch milliseconds. */
        public double epochMillisOf(long nanoTime) {
            double seenMillis = seenAt.getEpochSecond() * 1e3 + seenAt.getNano() / 1e6;
            return seenMillis - (seenAtNanos - nanoTime) / 1e6;
        }

        /** When the watcher saw it, in epoch milliseconds (sub-millisecond). */
        public double seenEpochMillis() {
            return epochMillisOf(seenAtNanos);
        }
    }

    private final String loginId;
    private final List<Seen> events = new CopyOnWriteArrayList<>();

    CustomerTrace(String loginId) {
        this.loginId = loginId;
    }

    void add(Seen seen) {
        events.add(seen);
    }

    public String loginId() {
        return loginId;
    }

    public List<Seen> events() {
        return List.copyOf(events);
    }

    public <T> List<T> all(Class<T> type) {
        return events.stream()
                .map(Seen::event)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    public <T> Optional<Seen> firstSeen(Class<T> type) {
        return events.stream().filter(s -> type.isInstance(s.event())).findFirst();
    }

    public <T> Optional<T> first(Class<T> type) {
        return all(type).stream().findFirst();
    }

    public boolean has(Class<?> type) {
        return events.stream().anyMatch(s -> type.isInstance(s.event()));
    }

    /** The furthest stage reached, for the progress display. */
    public Stage stage() {
        if (has(PipelineFailed.class)) {
            return Stage.FAILED;
        }
        if (has(AttributesReady.class)) {
            return Stage.ATTRIBUTES_READY;
        }
        if (has(AccountsReady.class)) {
            return Stage.ACCOUNTS_READY;
        }
        if (has(KycReceived.class)) {
            return Stage.KYC_RECEIVED;
        }
        if (has(LoginReceived.class)) {
            return Stage.LOGIN_RECEIVED;
        }
        return Stage.WAITING;
    }

    public boolean isTerminal() {
        Stage stage = stage();
        return stage == Stage.ATTRIBUTES_READY || stage == Stage.FAILED;
    }

    public enum Stage {
        WAITING,
        LOGIN_RECEIVED,
        KYC_RECEIVED,
        ACCOUNTS_READY,
        ATTRIBUTES_READY,
        FAILED
    }
}
