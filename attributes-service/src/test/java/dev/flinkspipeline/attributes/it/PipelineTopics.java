package dev.flinkspipeline.attributes.it;

import dev.flinkspipeline.events.Account;
import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.AccountsSource;
import dev.flinkspipeline.events.AttributesReady;
import dev.flinkspipeline.events.Login;
import dev.flinkspipeline.events.PipelineFailed;
import dev.flinkspipeline.flinks.sandbox.admin.client.CreatedLogin;
import dev.flinkspipeline.schemas.EventIds;
import dev.flinkspipeline.schemas.RedriveHeader;
import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.schemas.serde.AvroDeserializer;
import dev.flinkspipeline.schemas.serde.AvroSerializer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The test's side of Kafka: publishes AccountsReady (and poison), and collects everything the service
 * writes to AttributesReady, PipelineFailed and the dead-letter topic, read_committed, on a background thread.
 */
final class PipelineTopics implements AutoCloseable {

    final List<AttributesReady> attributesReady = new CopyOnWriteArrayList<>();
    final List<PipelineFailed> pipelineFailed = new CopyOnWriteArrayList<>();
    final List<ConsumerRecord<String, byte[]>> deadLetters = new CopyOnWriteArrayList<>();

    private final KafkaProducer<String, Object> producer;
    private final KafkaProducer<String, byte[]> rawProducer;
    private final Thread reader;
    private volatile boolean running = true;

    PipelineTopics(String bootstrap, String registryUrl) {
        this(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), registryUrl);
    }

    /** @param client the client settings: bootstrap servers, and security on a secured broker */
    PipelineTopics(Map<String, Object> client, String registryUrl) {
        Map<String, Object> serde = Map.of("schema.registry.url", registryUrl, "specific.avro.reader", true);
        Map<String, Object> producerConfig = new HashMap<>(serde);
        producerConfig.putAll(client);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        AvroSerializer serializer = new AvroSerializer();
        serializer.configure(serde, false);
        producer = new KafkaProducer<>(producerConfig, new StringSerializer(), serializer);
        rawProducer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());

        Map<String, Object> consumerConfig = new HashMap<>(serde);
        consumerConfig.putAll(client);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "attributes-test-" + System.nanoTime());
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        AvroDeserializer avro = new AvroDeserializer();
        avro.configure(serde, false);
        KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.ATTRIBUTES_READY, Topics.PIPELINE_FAILED, Topics.dlt(Topics.ACCOUNTS_READY)));
        reader = new Thread(
                () -> {
                    try (consumer) {
                        while (running) {
                            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                                if (r.topic().endsWith(Topics.DLT_SUFFIX)) {
                                    deadLetters.add(r);
                                } else {
                                    Object value = avro.deserialize(r.topic(), r.headers(), r.value());
                                    if (value instanceof AttributesReady a) {
                                        attributesReady.add(a);
                                    } else if (value instanceof PipelineFailed f) {
                                        pipelineFailed.add(f);
                                    }
                                }
                            }
                        }
                    }
                },
                "test-topic-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static AccountsReady accountsReady(
            String loginId,
            String requestId,
            AccountsSource source,
            Instant lastUsedAt,
            Instant lastRefresh,
            List<String> accountIds) {
        return accountsReadyWith(
                loginId,
                requestId,
                source,
                lastUsedAt,
                lastRefresh,
                accountIds.stream()
                        .map(id -> new CreatedLogin.Account(id, "Chequing", "Operations"))
                        .toList());
    }

    static AccountsReady accountsReadyWith(
            String loginId,
            String requestId,
            AccountsSource source,
            Instant lastUsedAt,
            Instant lastRefresh,
            List<CreatedLogin.Account> sandboxAccounts) {
        List<Account> accounts = new ArrayList<>();
        for (CreatedLogin.Account a : sandboxAccounts) {
            accounts.add(Account.newBuilder()
                    .setId(a.id())
                    .setType(a.type())
                    .setCategory(a.category())
                    .build());
        }
        return AccountsReady.newBuilder()
                .setEventId(
                        EventIds.forEvent(loginId, requestId, "AccountsReady").toString())
                .setLoginId(loginId)
                .setRequestId(requestId)
                .setSource(source)
                .setRequestIdLastUsedAt(lastUsedAt)
                .setInstitution("FlinksCapital")
                .setLogin(Login.newBuilder()
                        .setId(loginId)
                        .setLastRefresh(lastRefresh)
                        .setType("Personal")
                        .build())
                .setAccounts(accounts)
                .setReceivedAt(Instant.now())
                .build();
    }

    void publish(AccountsReady event) {
        send(producer, new ProducerRecord<>(Topics.ACCOUNTS_READY, event.getLoginId(), event));
    }

    /** The event as {@code pipeline-tools redrive} re-publishes it: with the {@code flinks-redrive} header. */
    void publishRedrive(AccountsReady event, String redriveId) {
        ProducerRecord<String, Object> record = new ProducerRecord<>(Topics.ACCOUNTS_READY, event.getLoginId(), event);
        RedriveHeader.write(record.headers(), redriveId);
        send(producer, record);
    }

    /** A record straight onto a topic partition (e.g. the service's scheduled-retry topic). */
    void publishTo(String topic, int partition, String key, Object value) {
        send(producer, new ProducerRecord<>(topic, partition, key, value));
    }

    void publishRaw(String key, byte[] value) {
        send(rawProducer, new ProducerRecord<>(Topics.ACCOUNTS_READY, key, value));
    }

    private static <V> void send(KafkaProducer<String, V> producer, ProducerRecord<String, V> record) {
        try {
            producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + record.topic(), e);
        }
    }

    List<AttributesReady> attributesReadyOf(String loginId) {
        return attributesReady.stream()
                .filter(a -> a.getLoginId().equals(loginId))
                .toList();
    }

    List<PipelineFailed> failuresOf(String loginId) {
        return pipelineFailed.stream()
                .filter(f -> f.getLoginId().equals(loginId))
                .toList();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        reader.join(5000);
        producer.close();
        rawProducer.close();
    }
}
