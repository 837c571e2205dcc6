package dev.flinkspipeline.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.flinks.client.json.FlinksJson;
import dev.flinkspipeline.flinks.client.model.AccountsDetailResponse;
import dev.flinkspipeline.flinks.events.AccountsDelivery;
import dev.flinkspipeline.flinks.events.AccountsReadyMapping;
import dev.flinkspipeline.flinks.sandbox.data.DaysOfTransactions;
import dev.flinkspipeline.flinks.sandbox.data.LoginDataGenerator;
import dev.flinkspipeline.flinks.sandbox.json.Json;
import dev.flinkspipeline.flinks.sandbox.webhook.WebhookSignature;
import dev.flinkspipeline.ingest.security.WebhookSignatureVerifier;
import dev.flinkspipeline.schemas.CloudEventHeaders;
import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.schemas.serde.AvroDeserializer;
import dev.flinkspipeline.schemas.snapshot.AccountsReadyAssembler;
import dev.flinkspipeline.testkit.PipelineInfra;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A signed GetAccountsDetail webhook of a login with many accounts and a year of transactions, larger than the
 * accounts-ready topic accepts (max.message.bytes 1 MiB), is answered 200 once all its parts are acknowledged;
 * the parts reassemble to the AccountsReady the webhook maps to. The packaged service runs as a process.
 */
class LargeWebhookIT {

    private static final String SECRET = "large-webhook-secret";
    private static final int TOPIC_LIMIT = 1024 * 1024;
    private static final int MAX_RECORD_BYTES = TOPIC_LIMIT - 64 * 1024;

    private static PipelineInfra infra;
    private static IngestProcess ingest;

    @BeforeAll
    static void start() throws Exception {
        infra = new PipelineInfra().start();
        for (String topic : List.of(Topics.LOGIN_RECEIVED, Topics.KYC_RECEIVED, Topics.PIPELINE_FAILED)) {
            infra.createTopic(topic, 1, Map.of());
        }
        infra.createTopic(Topics.ACCOUNTS_READY, 3, Map.of("max.message.bytes", Integer.toString(TOPIC_LIMIT)));
        infra.createTopic(Topics.WEBHOOK_UNHANDLED, 1, Map.of("max.message.bytes", Integer.toString(16 * 1024 * 1024)));
        Map<String, String> settings = new HashMap<>(IngestProcess.requiredSettings());
        settings.put("kafka.bootstrap.servers", infra.bootstrapServers());
        settings.put("kafka.schema.registry.url", infra.schemaRegistryUrl());
        settings.put("kafka.auto.register.schemas", "true");
        settings.put("ingest.webhook.secrets", SECRET);
        settings.put("ingest.webhook.ack-timeout", "20s");
        settings.put("ingest.webhook.max-record-bytes", Integer.toString(MAX_RECORD_BYTES));
        settings.put("ingest.tag-bindings.create-topic", "true");
        ingest = IngestProcess.start("ingest-large", settings);
        ingest.awaitReady(Duration.ofMinutes(2));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable part : new AutoCloseable[] {ingest, infra}) {
            if (part != null) {
                part.close();
            }
        }
    }

    @Test
    void aWebhookLargerThanTheTopicAcceptsIsWrittenAsPartsThatReassembleToItsSnapshot() throws Exception {
        String loginId = UUID.randomUUID().toString();
        String requestId = UUID.randomUUID().toString();
        byte[] body = Json.bytes(new LoginDataGenerator(11, LocalDate.of(2026, 11, 1), 32)
                .webhookAccountsDetail(loginId, "large-user", requestId, null, DaysOfTransactions.Days365));
        assertThat(body.length).as("webhook body size").isGreaterThan(TOPIC_LIMIT);

        HttpResponse<String> answer = post(body);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"parts\"");
        // A redelivery writes the same parts again, with the same eventIds.
        assertThat(post(body).statusCode()).isEqualTo(200);

        List<ConsumerRecord<String, byte[]>> records = accountsReadyOf(loginId);
        List<AccountsReady> values = new ArrayList<>();
        try (AvroDeserializer avro = AvroDeserializer.create(
                Map.of("schema.registry.url", infra.schemaRegistryUrl(), "specific.avro.reader", true), false)) {
            for (ConsumerRecord<String, byte[]> record : records) {
                values.add((AccountsReady) avro.deserialize(record.topic(), record.value()));
            }
        }
        int count = values.get(0).getPart().getCount();
        assertThat(count).isGreaterThan(1);
        assertThat(records.size()).as("two deliveries of every part").isEqualTo(2 * count);
        assertThat(records).extracting(ConsumerRecord::serializedValueSize).allMatch(size -> size <= MAX_RECORD_BYTES);
        assertThat(records)
                .extracting(ConsumerRecord::partition)
                .containsOnly(records.get(0).partition());
        Set<String> eventIds = new HashSet<>();
        records.forEach(r -> eventIds.add(header(r, CloudEventHeaders.ID)));
        assertThat(eventIds)
                .as("each part has its own eventId, the same on redelivery")
                .hasSize(count);

        AccountsReadyAssembler assembler = new AccountsReadyAssembler();
        List<AccountsReady> wholes = new ArrayList<>();
        for (AccountsReady value : values) {
            assembler.add(value).ifPresent(wholes::add);
        }
        assertThat(wholes.size()).isEqualTo(2);
        AccountsReady whole = wholes.get(0);
        AccountsReady expected = AccountsReadyMapping.map(
                FlinksJson.readerFor(AccountsDetailResponse.class).readValue(body),
                AccountsDelivery.webhook(null, whole.getReceivedAt()));
        // Compared as booleans: a failure printing the records would print a year of transactions.
        assertThat(whole.getAccounts().size()).isEqualTo(expected.getAccounts().size());
        assertThat(whole.equals(expected))
                .as("the reassembled snapshot is the one mapped")
                .isTrue();
        // The redelivery: the same snapshot (eventId, accounts), received later.
        assertThat(wholes.get(1).getEventId()).isEqualTo(whole.getEventId());
        assertThat(wholes.get(1).getAccounts().equals(whole.getAccounts()))
                .as("the redelivery reassembles to the same accounts")
                .isTrue();
    }

    private static HttpResponse<String> post(byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ingest.baseUrl() + "/webhooks/flinks"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header(WebhookSignatureVerifier.HEADER, WebhookSignature.sign(SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static List<ConsumerRecord<String, byte[]>> accountsReadyOf(String loginId) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                infra.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false);
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ACCOUNTS_READY).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, byte[]>> mine = new ArrayList<>();
            int empty = 0;
            while (empty < 3) {
                int before = mine.size();
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                    if (loginId.equals(record.key())) {
                        mine.add(record);
                    }
                }
                empty = mine.size() == before ? empty + 1 : 0;
            }
            return mine;
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
