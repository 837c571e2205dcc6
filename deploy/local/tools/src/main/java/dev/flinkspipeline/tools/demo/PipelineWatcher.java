package dev.flinkspipeline.tools.demo;

import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.schemas.serde.AvroDeserializer;
import dev.flinkspipeline.schemas.serde.AvroSerdeConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows the pipeline's public topics (by default not the poller's internal queue) from the beginning or from
 * their current end, decodes every event into its generated class and files it under its loginId. No consumer
 * group: it commits nothing and rebalances nothing, so it can watch while services are killed and the broker
 * restarts. Each event is stamped with the time its fetch returned (when a {@code read_committed} reader could
 * first see it), which is what the latency figures time.
 */
public final class PipelineWatcher implements AutoCloseable {

    /**
     * The topics whose events tell a customer's story, accounts-streams' per-account topics included: those are
     * keyed by accountId, but their values carry the loginId they are filed under.
     */
    public static final List<String> STORY_TOPICS = List.of(
            Topics.LOGIN_RECEIVED,
            Topics.KYC_RECEIVED,
            Topics.ACCOUNTS_READY,
            Topics.ATTRIBUTES_READY,
            Topics.PIPELINE_FAILED,
            Topics.ACCOUNT_STATE,
            Topics.ACCOUNT_TRANSACTIONS);

    /**
     * accounts-streams' per-account topics hold a record per account and per transaction: they get a reader of
     * their own, so that decoding them never delays the customer-level events a latency figure is timed on.
     */
    private static final Set<String> PER_ACCOUNT_TOPICS = Set.of(Topics.ACCOUNT_STATE, Topics.ACCOUNT_TRANSACTIONS);

    private final List<Reader> readers = new ArrayList<>();
    private final Map<String, CustomerTrace> traces = new ConcurrentHashMap<>();
    private final AtomicLong seen = new AtomicLong();
    private final List<String> undecodable = new CopyOnWriteArrayList<>();

    /** Where the watcher starts reading. */
    public enum StartAt {
        /** Every event the topics hold: a test's whole story. */
        BEGINNING,
        /**
         * Only events written after the constructor returns: a latency measurement must not time the watcher
         * catching up with earlier runs' events.
         */
        END
    }

    public PipelineWatcher(String bootstrapServers, String registryUrl, StartAt startAt) {
        this(bootstrapServers, registryUrl, STORY_TOPICS, startAt);
    }

    /** Watches {@code topics} (e.g. the story topics plus the poller's {@code PollScheduled} queue). */
    public PipelineWatcher(String bootstrapServers, String registryUrl, List<String> topics, StartAt startAt) {
        List<String> perAccount =
                topics.stream().filter(PER_ACCOUNT_TOPICS::contains).toList();
        List<String> perLogin =
                topics.stream().filter(t -> !PER_ACCOUNT_TOPICS.contains(t)).toList();
        try {
            for (List<String> group : List.of(perLogin, perAccount)) {
                if (!group.isEmpty()) {
                    readers.add(new Reader(bootstrapServers, registryUrl, group, startAt));
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        readers.forEach(Reader::start);
    }

    /** One consumer and its thread, over some of the topics. */
    private final class Reader {

        private final KafkaConsumer<String, byte[]> consumer;
        private final AvroDeserializer avro;
        private final Thread thread;
        /**
         * Decodes and files what the consumer fetched, in fetch order, so that the consumer polls again at once:
         * a slow decode (a large AccountsReady on a busy machine) must not make the next fetch, and its
         * timestamp, late.
         */
        private final ExecutorService decoder;

        private volatile boolean running = true;

        Reader(String bootstrapServers, String registryUrl, List<String> topics, StartAt startAt) {
            Map<String, Object> props = new HashMap<>();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            // Only what producers committed: a poller transaction aborted by a kill must not count as progress.
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
            props.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
            this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
            this.avro = AvroDeserializer.create(
                    Map.of(
                            AvroSerdeConfig.SCHEMA_REGISTRY_URL,
                            registryUrl,
                            AvroSerdeConfig.SPECIFIC_AVRO_READER,
                            true),
                    false);
            List<TopicPartition> partitions = new ArrayList<>();
            Map<String, List<PartitionInfo>> known = consumer.listTopics(Duration.ofSeconds(15));
            for (String topic : topics) {
                List<PartitionInfo> infos = known.get(topic);
                if (infos == null) {
                    consumer.close();
                    throw new IllegalStateException("topic " + topic + " does not exist on " + bootstrapServers);
                }
                infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            if (startAt == StartAt.END) {
                consumer.seekToEnd(partitions);
                // Seeks are lazy: resolve the end offsets now, before the caller produces anything.
                partitions.forEach(consumer::position);
            } else {
                consumer.seekToBeginning(partitions);
            }
            this.thread = new Thread(this::loop, "pipeline-watcher-" + readers.size());
            this.thread.setDaemon(true);
            this.decoder = Executors.newSingleThreadExecutor(r -> {
                Thread decode = new Thread(r, thread.getName() + "-decoder");
                decode.setDaemon(true);
                return decode;
            });
        }

        void start() {
            thread.start();
        }

        private void loop() {
            try {
                while (running) {
                    ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
                    if (records.isEmpty()) {
                        continue;
                    }
                    // Every record of a fetch became visible when the fetch returned, not when its turn to be
                    // decoded came.
                    Instant at = Instant.now();
                    long atNanos = System.nanoTime();
                    decoder.execute(() -> {
                        for (ConsumerRecord<String, byte[]> record : records) {
                            file(record, avro, at, atNanos);
                        }
                    });
                }
            } catch (WakeupException e) {
                // close()
            } catch (RuntimeException e) {
                undecodable.add("watcher stopped: " + e);
            }
        }

        void close() {
            running = false;
            consumer.wakeup();
            try {
                if (thread.isAlive()) {
                    thread.join(5_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            consumer.close();
            decoder.shutdown();
            try {
                decoder.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            avro.close();
        }
    }

    private void file(ConsumerRecord<String, byte[]> record, AvroDeserializer avro, Instant at, long atNanos) {
        seen.incrementAndGet();
        if (record.value() == null || record.value().length < 5 || record.value()[0] != 0) {
            return;
        }
        Object event;
        try {
            event = avro.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            undecodable.add(record.topic() + "@" + record.offset() + ": " + e.getMessage());
            return;
        }
        // The value's loginId first: the per-account topics are keyed by accountId.
        String loginId = loginIdOf(event).orElse(record.key());
        if (loginId == null) {
            return;
        }
        Header id = record.headers().lastHeader("ce_id");
        traces.computeIfAbsent(loginId, CustomerTrace::new)
                .add(new CustomerTrace.Seen(
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        record.timestamp(),
                        at,
                        atNanos,
                        event,
                        id == null ? null : new String(id.value(), StandardCharsets.UTF_8)));
    }

    private static Optional<String> loginIdOf(Object event) {
        if (event instanceof SpecificRecord record && record.getSchema().getField("loginId") != null) {
            Object value = record.get(record.getSchema().getField("loginId").pos());
            return Optional.ofNullable(value).map(Object::toString);
        }
        return Optional.empty();
    }

    /** The trace of {@code loginId} (empty if nothing was seen yet). */
    public CustomerTrace trace(String loginId) {
        return traces.computeIfAbsent(loginId, CustomerTrace::new);
    }

    /** Drops the traces of {@code loginIds}: a long run keeps only the customers it still measures. */
    public void forget(Collection<String> loginIds) {
        loginIds.forEach(traces::remove);
    }

    /** Records read so far (all topics, decodable or not). */
    public long recordsSeen() {
        return seen.get();
    }

    /** Records that could not be decoded: a pipeline that writes garbage is a finding. */
    public List<String> undecodable() {
        return List.copyOf(undecodable);
    }

    /**
     * Waits until {@code condition} holds for the trace of {@code loginId}; returns the trace either way
     * (the caller asserts on it, so that a timeout shows what was seen).
     */
    public CustomerTrace await(String loginId, Predicate<CustomerTrace> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        CustomerTrace trace = trace(loginId);
        while (!condition.test(trace) && System.nanoTime() < deadline) {
            try {
                TimeUnit.MILLISECONDS.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return trace;
    }

    @Override
    public void close() {
        readers.forEach(Reader::close);
    }
}
