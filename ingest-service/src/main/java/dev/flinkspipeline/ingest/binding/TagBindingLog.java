package dev.flinkspipeline.ingest.binding;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Binds Connect sessions to logins through a Kafka topic, so that any number of ingest instances agree.
 *
 * <p>Every instance tails the whole topic into a {@link TagBindingLedger}. To bind, an instance writes its
 * claim (key = session id, acks=all), learns the claim's offset, waits until its own tail has read the
 * partition past that offset, and decides by the ledger: the first claim of the session in the log wins.
 * Two instances claiming the same session at the same moment both write; the partition orders the two
 * claims, both tails read them in that order, and both instances decide for the same login. A session
 * already bound in memory is decided without writing (a first claim never changes).
 */
public final class TagBindingLog implements AutoCloseable {

    private static final Logger log = Logger.getLogger(TagBindingLog.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration REASSIGN_EVERY = Duration.ofMinutes(1);
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);
    private static final Duration WARN_EVERY = Duration.ofSeconds(30);

    /** Writes a claim record (acks=all); the future completes with where it landed. May throw at once. */
    @FunctionalInterface
    public interface ClaimWriter {
        CompletableFuture<RecordMetadata> write(ProducerRecord<String, byte[]> record);
    }

    private record Waiter(int partition, long offset, TagClaim claim, CompletableFuture<BindingDecision> decided) {}

    private final String topic;
    private final Map<String, Object> consumerConfig;
    private final ClaimWriter writer;
    private final Runnable ensureTopic;
    private final TagBindingLedger ledger;
    private final Clock clock;
    private final Executor executor;
    /** Next offset the tail will read, per partition (everything before it is in the ledger). */
    private final Map<Integer, Long> positions = new ConcurrentHashMap<>();

    private final List<Waiter> waiters = new ArrayList<>();
    private volatile Map<Integer, Long> endsAtStart;
    private volatile boolean caughtUp;
    private volatile boolean reassign = true;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread tail;

    /**
     * @param consumerConfig settings of the tail's consumer (bootstrap servers, security); the rest is set here
     * @param ensureTopic    called while the topic does not exist (e.g. creates it)
     * @param executor       completes the decisions, off the tail's and the producer's threads
     */
    public TagBindingLog(
            String topic,
            Map<String, Object> consumerConfig,
            ClaimWriter writer,
            Runnable ensureTopic,
            TagBindingLedger ledger,
            Clock clock,
            Executor executor) {
        this.topic = Objects.requireNonNull(topic, "topic");
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.remove("group.id");
        config.put("enable.auto.commit", "false");
        config.put("auto.offset.reset", "earliest");
        // The topic is created with its own settings (not compacted), never by a metadata request.
        config.put("allow.auto.create.topics", "false");
        config.putIfAbsent("client.id", "ingest-service-tag-bindings");
        this.consumerConfig = Map.copyOf(config);
        this.writer = Objects.requireNonNull(writer, "writer");
        this.ensureTopic = Objects.requireNonNull(ensureTopic, "ensureTopic");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** Starts the tail (a daemon thread). */
    public synchronized TagBindingLog start() {
        if (tail == null) {
            running = true;
            tail = new Thread(this::run, "ingest-tag-bindings-tail");
            tail.setDaemon(true);
            tail.start();
        }
        return this;
    }

    /**
     * Claims the claim's session for its login. Completes with the log's decision, or exceptionally when the
     * claim could not be written; the caller bounds the wait (the tail may be behind, Kafka may be away).
     */
    public CompletableFuture<BindingDecision> claim(TagClaim claim) {
        Optional<BindingDecision> known = ledger.decideWithoutWriting(claim);
        if (known.isPresent()) {
            return CompletableFuture.completedFuture(known.get());
        }
        CompletableFuture<RecordMetadata> written;
        try {
            written = writer.write(new ProducerRecord<>(topic, claim.sessionId(), ClaimCodec.encode(claim)));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return written.thenComposeAsync(landed -> afterRead(landed.partition(), landed.offset(), claim), executor);
    }

    /** Whether the tail has read what the topic held when it started (readiness). */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** Sessions bound in memory. */
    public int size() {
        return ledger.size();
    }

    private CompletableFuture<BindingDecision> afterRead(int partition, long offset, TagClaim claim) {
        CompletableFuture<BindingDecision> decided = new CompletableFuture<>();
        boolean readAlready;
        synchronized (waiters) {
            Long position = positions.get(partition);
            readAlready = position != null && position > offset;
            if (!readAlready) {
                waiters.add(new Waiter(partition, offset, claim, decided));
                if (position == null) {
                    reassign = true; // a partition added since the tail assigned itself
                }
            }
        }
        if (readAlready) {
            complete(decided, claim);
        }
        return decided;
    }

    private void complete(CompletableFuture<BindingDecision> decided, TagClaim claim) {
        Optional<BindingDecision> decision = ledger.decide(claim);
        if (decision.isPresent()) {
            decided.complete(decision.get());
        } else {
            decided.completeExceptionally(new IllegalStateException("the claim is not in the tag-bindings log"));
        }
    }

    private void run() {
        Instant nextReassign = Instant.MIN;
        Instant nextPrune = Instant.MIN;
        Instant nextWarning = Instant.MIN;
        try (KafkaConsumer<String, byte[]> kafka =
                new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer = kafka;
            while (running) {
                try {
                    Instant now = clock.instant();
                    if (reassign || now.isAfter(nextReassign)) {
                        nextReassign = now.plus(REASSIGN_EVERY);
                        assign(kafka);
                    }
                    if (kafka.assignment().isEmpty()) {
                        TimeUnit.SECONDS.sleep(1);
                        continue;
                    }
                    for (ConsumerRecord<String, byte[]> record : kafka.poll(POLL)) {
                        Optional<TagClaim> claim = ClaimCodec.decode(record.key(), record.value());
                        if (claim.isPresent()) {
                            ledger.apply(claim.get(), clock.instant());
                        } else {
                            log.debugf(
                                    "tag-bindings: skipped an unreadable record at %s-%d@%d",
                                    record.topic(), record.partition(), record.offset());
                        }
                    }
                    for (TopicPartition partition : kafka.assignment()) {
                        positions.put(partition.partition(), kafka.position(partition, Duration.ofSeconds(1)));
                    }
                    noteCaughtUp();
                    release();
                    if (now.isAfter(nextPrune)) {
                        nextPrune = now.plus(PRUNE_EVERY);
                        ledger.prune(now);
                    }
                } catch (WakeupException | InterruptException e) {
                    if (running) {
                        log.debugf("tag-bindings tail woken up: %s", e.toString());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (KafkaException e) {
                    Instant now = clock.instant();
                    if (now.isAfter(nextWarning)) {
                        nextWarning = now.plus(WARN_EVERY);
                        log.warnf(
                                "tag-bindings: cannot read %s yet (%s); claims wait",
                                topic, e.getClass().getSimpleName());
                    }
                    pause();
                }
            }
        } finally {
            consumer = null;
            failWaiters();
        }
    }

    private void assign(KafkaConsumer<String, byte[]> kafka) {
        List<PartitionInfo> infos = kafka.partitionsFor(topic, Duration.ofSeconds(5));
        if (infos == null || infos.isEmpty()) {
            ensureTopic.run();
            reassign = true;
            return;
        }
        Set<TopicPartition> wanted = new HashSet<>();
        infos.forEach(p -> wanted.add(new TopicPartition(topic, p.partition())));
        Set<TopicPartition> added = new HashSet<>(wanted);
        added.removeAll(kafka.assignment());
        if (!added.isEmpty()) {
            kafka.assign(wanted);
            kafka.seekToBeginning(added);
        }
        if (endsAtStart == null) {
            Map<Integer, Long> ends = new HashMap<>();
            kafka.endOffsets(wanted, Duration.ofSeconds(5)).forEach((p, end) -> ends.put(p.partition(), end));
            endsAtStart = ends;
        }
        reassign = false;
    }

    private void noteCaughtUp() {
        Map<Integer, Long> ends = endsAtStart;
        if (!caughtUp
                && ends != null
                && ends.entrySet().stream().allMatch(e -> positions.getOrDefault(e.getKey(), -1L) >= e.getValue())) {
            caughtUp = true;
            log.infof("tag-bindings: read %s up to its end at start, %d session(s) bound", topic, ledger.size());
        }
    }

    /** Decides the claims the tail has now read, and drops waits nobody is waiting for any more. */
    private void release() {
        List<Waiter> ready = new ArrayList<>();
        synchronized (waiters) {
            for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
                Waiter w = it.next();
                if (w.decided().isDone()) {
                    it.remove();
                } else if (positions.getOrDefault(w.partition(), -1L) > w.offset()) {
                    it.remove();
                    ready.add(w);
                }
            }
        }
        for (Waiter w : ready) {
            executor.execute(() -> complete(w.decided(), w.claim()));
        }
    }

    private void failWaiters() {
        List<Waiter> left;
        synchronized (waiters) {
            left = new ArrayList<>(waiters);
            waiters.clear();
        }
        left.forEach(w -> w.decided().completeExceptionally(new IllegalStateException("the tag-bindings log closed")));
    }

    private static void pause() {
        try {
            TimeUnit.SECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        Thread thread;
        synchronized (this) {
            running = false;
            thread = tail;
        }
        KafkaConsumer<String, byte[]> kafka = consumer;
        if (kafka != null) {
            kafka.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        failWaiters();
    }
}
