package dev.flinkspipeline.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.AccountsSource;
import dev.flinkspipeline.events.AttributeKind;
import dev.flinkspipeline.events.AttributesReady;
import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.events.PollScheduled;
import dev.flinkspipeline.schemas.CloudEventHeaders;
import dev.flinkspipeline.schemas.EventTypes;
import dev.flinkspipeline.schemas.SampleEvents;
import dev.flinkspipeline.testkit.PipelineInfra;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The serde against a real KRaft broker and the in-memory test schema registry (Apicurio: e2e-tests ApicurioSerdeIT). */
class AvroSerdeRoundTripTest {

    @RegisterExtension
    static final PipelineInfra infra = new PipelineInfra();

    private static final String CE_SOURCE = "/flinks-pipeline/test";

    @BeforeAll
    static void sendEveryEventThroughTheBroker() throws Exception {
        for (String topic : EventTypes.DEFAULT_TOPICS.values()) {
            createTopic(topic);
        }
        Map<String, Object> props = new HashMap<>(registry());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class);
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(props)) {
            for (SpecificRecord event : SampleEvents.all()) {
                ProducerRecord<String, Object> record =
                        new ProducerRecord<>(EventTypes.defaultTopic(event.getClass()), SampleEvents.LOGIN_ID, event);
                CloudEventHeaders.forEvent(event, CE_SOURCE, SampleEvents.AT).writeTo(record.headers());
                producer.send(record).get();
            }
        }
    }

    /**
     * KafkaBroker.createTopic can see UnknownTopicOrPartition when it describes a topic whose metadata
     * has not reached the broker yet (a race in the test kit); creating again is harmless.
     */
    private static void createTopic(String topic) {
        for (int attempt = 1; ; attempt++) {
            try {
                infra.broker().createTopic(topic, 1);
                return;
            } catch (IllegalStateException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private static Map<String, Object> registry() {
        return Map.of("schema.registry.url", infra.schemaRegistryUrl());
    }

    private static Map<String, Object> with(Object... keyValues) {
        Map<String, Object> configs = new HashMap<>(registry());
        for (int i = 0; i < keyValues.length; i += 2) {
            configs.put((String) keyValues[i], keyValues[i + 1]);
        }
        return configs;
    }

    private static List<ConsumerRecord<String, Object>> consume(
            String topic, int count, Map<String, Object> serdeConfigs) {
        Map<String, Object> props = new HashMap<>(serdeConfigs);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class);
        List<ConsumerRecord<String, Object>> records = new ArrayList<>();
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(props)) {
            // assigned, not subscribed: no consumer-group round trips (every test topic has one partition)
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertThat(records).as("records read from " + topic).hasSize(count);
        return records;
    }

    private static List<SpecificRecord> samplesOf(Class<?> type) {
        return SampleEvents.all().stream().filter(type::isInstance).toList();
    }

    @Test
    void everyEventRoundTripsAsItsSpecificClass() {
        for (var entry : EventTypes.DEFAULT_TOPICS.entrySet()) {
            List<SpecificRecord> sent = samplesOf(entry.getKey());
            List<ConsumerRecord<String, Object>> received =
                    consume(entry.getValue(), sent.size(), with("specific.avro.reader", true));
            for (int i = 0; i < sent.size(); i++) {
                ConsumerRecord<String, Object> record = received.get(i);
                assertThat(record.value())
                        .as(entry.getKey().getSimpleName() + " #" + i)
                        .isInstanceOf(entry.getKey())
                        .isEqualTo(sent.get(i));
                assertThat(record.key()).isEqualTo(SampleEvents.LOGIN_ID);
                CloudEventHeaders ce = CloudEventHeaders.read(record.headers()).orElseThrow();
                assertThat(ce.id()).isEqualTo(((GenericRecord) sent.get(i)).get("eventId"));
                assertThat(ce.type())
                        .isEqualTo("dev.flinkspipeline." + entry.getKey().getSimpleName());
            }
        }
    }

    @Test
    void specificReadingKeepsExactValues() {
        List<ConsumerRecord<String, Object>> received =
                consume("flinks.accounts-ready", 2, with("specific.avro.reader", true));
        AccountsReady full = (AccountsReady) received.get(0).value();
        assertThat(full.getSource()).isEqualTo(AccountsSource.POLL);
        assertThat(full.getInstitutionId()).isEqualTo(14);
        assertThat(full.getLogin().getLastRefresh()).isEqualTo(Instant.parse("2020-04-15T22:46:03.1690585Z"));
        var account = full.getAccounts().get(0);
        assertThat(account.getBalance().getAvailable()).isEqualTo(new BigDecimal("5405.5000"));
        assertThat(account.getBalance().getAvailable().scale()).isEqualTo(4);
        assertThat(account.getBalance().getLimit()).isEqualTo(new BigDecimal("-0.0100"));
        assertThat(account.getOverdraftLimit()).isEqualTo(new BigDecimal("0.0000"));
        assertThat(account.getTransactions().get(0).getBalance().toPlainString())
                .isEqualTo("999999999999999999.9999");
        assertThat(account.getTransactions().get(0).getDate()).hasToString("2025-01-31");
        assertThat(account.getTransactions().get(1).getDebit()).isNull();
        assertThat(account.getExtra()).containsEntry("NewFlinksField", "{\"a\":[1,2.50]}");
        assertThat(full.getExtra()).containsEntry("Links", "[{\"rel\":\"AccountsDetail\"}]");
        assertThat(full.getAccounts().get(1).getBalance()).isNull();
        assertThat(full.getAccounts().get(1).getTransactions()).isEmpty();

        AccountsReady minimal = (AccountsReady) received.get(1).value();
        assertThat(minimal.getSource()).isEqualTo(AccountsSource.WEBHOOK);
        assertThat(minimal.getRequestIdLastUsedAt()).isNull();
        assertThat(minimal.getInstitutionId()).isNull();
        assertThat(minimal.getLogin().getLastRefresh()).isNull();
        assertThat(minimal.getExtra()).isEmpty();

        AttributesReady attributes =
                (AttributesReady) consume("flinks.attributes-ready", 2, with("specific.avro.reader", true))
                        .get(0)
                        .value();
        assertThat(attributes.getAttributes().get("sum_credits_12m").getNumber())
                .isEqualTo("1234.560000000000000001");
        assertThat(attributes.getAttributes().get("has_nsf").getBool()).isTrue();
        assertThat(attributes.getAttributes().get("unknown").getKind()).isEqualTo(AttributeKind.NULL);
    }

    @Test
    void genericReadingWithLogicalTypes() {
        GenericRecord full =
                (GenericRecord) consume("flinks.accounts-ready", 2, with("avro.use.logical.type.converters", true))
                        .get(0)
                        .value();
        assertThat(full).isNotInstanceOf(SpecificRecord.class);
        assertThat(full.get("source")).hasToString("POLL");
        assertThat(full.get("receivedAt")).isEqualTo(SampleEvents.AT);
        GenericRecord login = (GenericRecord) full.get("login");
        assertThat(login.get("lastRefresh")).isEqualTo(SampleEvents.LAST_REFRESH);
        GenericRecord account = (GenericRecord) ((List<?>) full.get("accounts")).get(0);
        BigDecimal available = (BigDecimal) ((GenericRecord) account.get("balance")).get("available");
        assertThat(available).isEqualTo(new BigDecimal("5405.5000"));
        assertThat(((Map<?, ?>) account.get("extra")).get("NewFlinksField")).hasToString("{\"a\":[1,2.50]}");
        assertThat(account.get("accountNumber")).hasToString("7641238");
        assertThat(account.get("lastFourDigits")).hasToString("1234");
    }

    @Test
    void genericReadingWithoutLogicalTypesGivesTheRawAvroValues() {
        GenericRecord full = (GenericRecord)
                consume("flinks.accounts-ready", 2, registry()).get(0).value();
        assertThat(full.get("receivedAt")).isEqualTo(SampleEvents.AT.toEpochMilli());
        GenericRecord account = (GenericRecord) ((List<?>) full.get("accounts")).get(0);
        ByteBuffer raw = (ByteBuffer) ((GenericRecord) account.get("balance")).get("available");
        Schema decimal = Schema.create(Schema.Type.BYTES);
        LogicalTypes.decimal(22, 4).addToSchema(decimal);
        assertThat(new Conversions.DecimalConversion().fromBytes(raw, decimal, decimal.getLogicalType()))
                .isEqualTo(new BigDecimal("5405.5000"));
    }

    @Test
    void wireBytesCarryMagicByteAndTheRegisteredId() throws Exception {
        byte[] bytes = AvroSerializer.create(registry(), false)
                .serialize("flinks.pipeline-failed", SampleEvents.pipelineFailedFull());
        HttpResponse<String> latest = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(infra.schemaRegistryUrl()
                                        + "/subjects/flinks.pipeline-failed-value/versions/latest"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        int registeredId = new ObjectMapper().readTree(latest.body()).get("id").asInt();
        assertThat(bytes[0]).isZero();
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(registeredId);
        assertThat(new Schema.Parser()
                        .parse(new ObjectMapper()
                                .readTree(latest.body())
                                .get("schema")
                                .asText()))
                .isEqualTo(SampleEvents.pipelineFailedFull().getSchema());
    }

    @Test
    void oneSchemaCanArriveAsGenericThenSpecificRecords() {
        LoginReceived specific = SampleEvents.loginReceivedFull();
        GenericData.Record generic = new GenericData.Record(LoginReceived.getClassSchema());
        for (Schema.Field field : LoginReceived.getClassSchema().getFields()) {
            generic.put(field.pos(), specific.get(field.pos()));
        }
        generic.put(
                "via",
                new GenericData.EnumSymbol(
                        LoginReceived.getClassSchema().getField("via").schema(), "CONNECT_EVENT"));
        AvroSerializer serializer = AvroSerializer.create(registry(), false);
        AvroDeserializer deserializer = AvroDeserializer.create(with("specific.avro.reader", true), false);
        assertThat(deserializer.deserialize("serde-mixed", serializer.serialize("serde-mixed", generic)))
                .isEqualTo(specific);
        assertThat(deserializer.deserialize("serde-mixed", serializer.serialize("serde-mixed", specific)))
                .isEqualTo(specific);
    }

    @Test
    void keysUseTheKeySubject() throws Exception {
        AvroSerializer keys = AvroSerializer.create(registry(), true);
        byte[] bytes = keys.serialize("serde-keys", "login-1");
        int id = keys.client().lookup("serde-keys-key", Schema.create(Schema.Type.STRING));
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
        assertThat(AvroDeserializer.create(registry(), true).deserialize("serde-keys", bytes))
                .hasToString("login-1");
    }

    @Test
    void unknownSchemaIdIsNamed() {
        byte[] bytes = ByteBuffer.allocate(7)
                .put((byte) 0)
                .putInt(987_654)
                .put((byte) 2)
                .put((byte) 0x61)
                .array();
        assertThatThrownBy(() -> AvroDeserializer.create(registry(), false).deserialize("flinks.login-received", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown schema id 987654")
                .hasMessageContaining("flinks.login-received");
    }

    @Test
    void corruptBodiesAreNamed() {
        byte[] good =
                AvroSerializer.create(registry(), false).serialize("serde-corrupt", SampleEvents.loginReceivedFull());
        byte[] truncated = Arrays.copyOf(good, 20);
        AvroDeserializer deserializer = AvroDeserializer.create(with("specific.avro.reader", true), false);
        assertThatThrownBy(() -> deserializer.deserialize("serde-corrupt", truncated))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Corrupt Avro body")
                .hasMessageContaining("serde-corrupt");
        byte[] hugeLength = Arrays.copyOf(good, good.length);
        hugeLength[5] = (byte) 0xfe; // eventId length becomes an enormous varint
        hugeLength[6] = (byte) 0xff;
        hugeLength[7] = (byte) 0xff;
        hugeLength[8] = (byte) 0x0f;
        assertThatThrownBy(() -> deserializer.deserialize("serde-corrupt", hugeLength))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Corrupt Avro body")
                .hasMessageContaining("declared");
        byte[] trailing = Arrays.copyOf(good, good.length + 3);
        assertThatThrownBy(() -> deserializer.deserialize("serde-corrupt", trailing))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("left over");
    }

    @Test
    void anIncompatibleSchemaIsRejectedWithAClearMessage() {
        Schema v1 = thing("string");
        Schema v2 = thing("int");
        AvroSerializer serializer = AvroSerializer.create(registry(), false);
        serializer.serialize("serde-incompatible", new GenericData.Record(v1) {
            {
                put("a", "x");
            }
        });
        GenericData.Record changed = new GenericData.Record(v2);
        changed.put("a", 1);
        assertThatThrownBy(() -> serializer.serialize("serde-incompatible", changed))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("incompatible")
                .hasMessageContaining("serde-incompatible-value");
    }

    @Test
    void unregisteredSchemaWithoutAutoRegistrationIsRejected() {
        AvroSerializer serializer = AvroSerializer.create(with("auto.register.schemas", false), false);
        assertThatThrownBy(() -> serializer.serialize("serde-not-registered", SampleEvents.pollScheduledFull()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not registered")
                .hasMessageContaining("serde-not-registered-value");
    }

    @Test
    void aMissingGeneratedClassIsNamed() {
        byte[] bytes = AvroSerializer.create(registry(), false)
                .serialize("serde-no-class", new GenericData.Record(thing("string")) {
                    {
                        put("a", "x");
                    }
                });
        assertThatThrownBy(() -> AvroDeserializer.create(with("specific.avro.reader", true), false)
                        .deserialize("serde-no-class", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("test.Thing");
        assertThat(AvroDeserializer.create(registry(), false).deserialize("serde-no-class", bytes))
                .isInstanceOf(GenericRecord.class);
    }

    @Test
    void olderWriterIsReadAsTheCurrentClassWithDefaults() {
        Schema old = new Schema.Parser().parse("""
                {"type":"record","name":"PollScheduled","namespace":"dev.flinkspipeline.events","fields":[
                  {"name":"eventId","type":"string"},{"name":"loginId","type":"string"},
                  {"name":"requestId","type":"string"},{"name":"attempt","type":"int"},
                  {"name":"dueAt","type":{"type":"long","logicalType":"timestamp-millis"}},
                  {"name":"deadline","type":{"type":"long","logicalType":"timestamp-millis"}},
                  {"name":"firstRequestedAt","type":{"type":"long","logicalType":"timestamp-millis"}},
                  {"name":"legacyNote","type":"string"}]}""");
        GenericData.Record record = new GenericData.Record(old);
        record.put("eventId", "e-1");
        record.put("loginId", "l-1");
        record.put("requestId", "r-1");
        record.put("attempt", 4);
        record.put("dueAt", Instant.parse("2026-01-01T00:00:10Z"));
        record.put("deadline", Instant.parse("2026-01-01T00:30:00Z"));
        record.put("firstRequestedAt", Instant.parse("2026-01-01T00:00:00Z"));
        record.put("legacyNote", "dropped by the reader");
        byte[] bytes = AvroSerializer.create(registry(), false).serialize("serde-resolution", record);

        PollScheduled read = (PollScheduled) AvroDeserializer.create(with("specific.avro.reader", true), false)
                .deserialize("serde-resolution", bytes);
        assertThat(read.getAttempt()).isEqualTo(4);
        assertThat(read.getDueAt()).isEqualTo(Instant.parse("2026-01-01T00:00:10Z"));
        assertThat(read.getRetries()).isZero();
        assertThat(read.getReauthorizations()).isZero();
        assertThat(read.getAccountIds()).isEmpty();
        assertThat(read.getTag()).isNull();
        assertThat(read.getLoginReceivedAt()).isNull();
    }

    @Test
    void aWriterTheReaderClassCannotReadIsReportedAsIncompatible() {
        Schema other = new Schema.Parser().parse("""
                {"type":"record","name":"PollScheduled","namespace":"dev.flinkspipeline.events","fields":[
                  {"name":"eventId","type":"string"},{"name":"attempt","type":"string"}]}""");
        GenericData.Record record = new GenericData.Record(other);
        record.put("eventId", "e-3");
        record.put("attempt", "three");
        byte[] bytes = AvroSerializer.create(registry(), false).serialize("serde-reader-incompatible", record);
        assertThatThrownBy(() -> AvroDeserializer.create(with("specific.avro.reader", true), false)
                        .deserialize("serde-reader-incompatible", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("incompatible")
                .hasMessageContaining("dev.flinkspipeline.events.PollScheduled")
                .hasMessageContaining("serde-reader-incompatible");
    }

    @Test
    void useLatestVersionWritesWithTheRegisteredLatestSchema() {
        AvroSerializer registering = AvroSerializer.create(registry(), false);
        byte[] current = registering.serialize("serde-latest", SampleEvents.loginReceivedFull());
        int latestId = ByteBuffer.wrap(current, 1, 4).getInt();

        Schema older = new Schema.Parser().parse("""
                {"type":"record","name":"LoginReceived","namespace":"dev.flinkspipeline.events","fields":[
                  {"name":"eventId","type":"string"},{"name":"loginId","type":"string"},
                  {"name":"institution","type":"string"},
                  {"name":"via","type":{"type":"enum","name":"LoginSource","symbols":["REDIRECT_URL","CONNECT_EVENT","API"]}},
                  {"name":"receivedAt","type":{"type":"long","logicalType":"timestamp-millis"}}]}""");
        GenericData.Record record = new GenericData.Record(older);
        record.put("eventId", "e-2");
        record.put("loginId", "l-2");
        record.put("institution", "FlinksCapital");
        record.put("via", new GenericData.EnumSymbol(older.getField("via").schema(), "API"));
        record.put("receivedAt", SampleEvents.AT);
        byte[] bytes = AvroSerializer.create(with("use.latest.version", true, "auto.register.schemas", false), false)
                .serialize("serde-latest", record);

        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(latestId);
        LoginReceived read = (LoginReceived) AvroDeserializer.create(with("specific.avro.reader", true), false)
                .deserialize("serde-latest", bytes);
        assertThat(read.getLoginId()).isEqualTo("l-2");
        assertThat(read.getAccountIds()).isEmpty();
        assertThat(read.getUserReference()).isNull();
    }

    @Test
    void failsOverToASecondRegistryUrl() throws Exception {
        String urls = "http://127.0.0.1:" + SchemaRegistryClientHttpTest.closedPort() + "," + infra.schemaRegistryUrl();
        Map<String, Object> configs = Map.of("schema.registry.url", urls, "specific.avro.reader", true);
        byte[] bytes =
                AvroSerializer.create(configs, false).serialize("serde-failover", SampleEvents.kycReceivedFull());
        assertThat(AvroDeserializer.create(configs, false).deserialize("serde-failover", bytes))
                .isEqualTo(SampleEvents.kycReceivedFull());
    }

    private static Schema thing(String type) {
        return new Schema.Parser()
                .parse("{\"type\":\"record\",\"name\":\"Thing\",\"namespace\":\"test\",\"fields\":"
                        + "[{\"name\":\"a\",\"type\":\"" + type + "\"}]}");
    }
}
