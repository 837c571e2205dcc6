package dev.flinkspipeline.ingest.bench;

import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.flinks.client.model.AccountsDetailResponse;
import dev.flinkspipeline.flinks.events.AccountsDelivery;
import dev.flinkspipeline.flinks.events.AccountsReadyMapping;
import dev.flinkspipeline.flinks.sandbox.data.DaysOfTransactions;
import dev.flinkspipeline.flinks.sandbox.data.LoginDataGenerator;
import dev.flinkspipeline.flinks.sandbox.json.Json;
import dev.flinkspipeline.ingest.http.BoundedBody;
import dev.flinkspipeline.ingest.kafka.OutgoingRecord;
import dev.flinkspipeline.ingest.security.TagUserReferences;
import dev.flinkspipeline.ingest.security.WebhookSignatureVerifier;
import dev.flinkspipeline.ingest.webhook.WebhookMapper;
import dev.flinkspipeline.ingest.webhook.WebhookParser;
import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.schemas.serde.AvroSerdeConfig;
import dev.flinkspipeline.schemas.serde.AvroSerializer;
import dev.flinkspipeline.schemas.snapshot.AccountsReadySplitter;
import dev.flinkspipeline.testkit.registry.TestSchemaRegistry;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MemoryRecordsBuilder;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.TimestampType;

/**
 * What one GetAccountsDetail webhook costs the service in CPU, stage by stage, on one thread after JIT warm-up:
 * the stages both endpoints run (body read, HMAC verify, JSON scan and bind, mapping to AccountsReady, the Avro
 * encoding whose size the record-size split checks and whose bytes the Kafka path sends) and those only the
 * Kafka path adds (the CloudEvents headers and record, the record batch per compression type). The size count
 * the split used before (an encoding into a counter, the value then encoded again to send) is timed for
 * comparison. The webhook is the benchmark's own: the
 * sandbox's full GetAccountsDetail (Days90, identity, KYC), HMAC-signed. The Avro encoding goes through the
 * service's serializer and a test schema registry (its schema id is cached after the first record).
 *
 * <p>Run with {@code bench/run webhook-cost}. System properties: {@code bench.n} iterations per stage and round
 * (3000; each stage reports its fastest tenth of them, after as many to warm up), {@code bench.rounds} (3; the first
 * includes JIT warm-up), {@code bench.days} (Days90).
 */
public final class WebhookCost {

    private interface Stage {
        Object run() throws Exception;
    }

    private static final String SECRET = "bench-webhook-secret";
    private static final long BODY_LIMIT = 16L << 20;
    private static final int SLICES = 10;
    private static Object sink;

    private WebhookCost() {}

    public static void main(String[] args) throws Exception {
        BenchEnvironment.configureHarnessLogging();
        int n = Integer.getInteger("bench.n", 3000);
        int rounds = Integer.getInteger("bench.rounds", 3);
        DaysOfTransactions days = DaysOfTransactions.valueOf(System.getProperty("bench.days", "Days90"));
        String loginId = UUID.randomUUID().toString();
        byte[] body = Json.bytes(new LoginDataGenerator(42, LocalDate.of(2026, 12, 1))
                .webhookAccountsDetail(
                        loginId, "greatday_nomfa", UUID.randomUUID().toString(), "bench", days));
        String signature = WebhookSignatureVerifier.sign(SECRET, body);
        WebhookSignatureVerifier verifier = new WebhookSignatureVerifier(List.of(SECRET));
        WebhookParser parser = new WebhookParser();
        WebhookMapper mapper = new WebhookMapper(new TagUserReferences(Optional.empty()));
        AccountsReadySplitter splitter = new AccountsReadySplitter(AccountsReadySplitter.DEFAULT_MAX_RECORD_BYTES);
        Instant now = Instant.now();
        AccountsDetailResponse model = parser.accountsDetail(body);
        AccountsReady event = AccountsReadyMapping.map(model, AccountsDelivery.webhook(null, now));
        try (TestSchemaRegistry registry = TestSchemaRegistry.start()) {
            AvroSerializer avro = AvroSerializer.create(
                    Map.of(
                            AvroSerdeConfig.SCHEMA_REGISTRY_URL,
                            registry.url(),
                            AvroSerdeConfig.AUTO_REGISTER_SCHEMAS,
                            "true"),
                    false);
            OutgoingRecord record = OutgoingRecord.event(Topics.ACCOUNTS_READY, loginId, event, "bench", now);
            byte[] value = avro.serialize(Topics.ACCOUNTS_READY, event);
            Header[] headers = record.record().headers().toArray();
            System.out.printf(
                    "GetAccountsDetail webhook %,d bytes; AccountsReady %,d bytes in Avro (wire format), %d headers%n",
                    body.length, value.length, headers.length);
            for (int round = 1; round <= rounds; round++) {
                System.out.printf(
                        "round %d of %d%s, us per webhook:%n", round, rounds, round == 1 ? " (JIT warm-up)" : "");
                double shared = 0;
                System.out.println("  both endpoints:");
                shared += time(
                        "body read (bounded, from a stream)",
                        n,
                        () -> BoundedBody.read(new ByteArrayInputStream(body), body.length, BODY_LIMIT));
                shared += time("HMAC-SHA256 verify", n, () -> verifier.verify(body, signature));
                double scan = time("JSON scan (head, duplicate keys, surrogates)", n, () -> parser.scan(body));
                double bind = time("JSON bind to the GetAccountsDetail model", n, () -> parser.accountsDetail(body));
                double map = time(
                        "map to AccountsReady",
                        n,
                        () -> AccountsReadyMapping.map(model, AccountsDelivery.webhook(null, now)));
                double mapped = time("  = WebhookMapper.map (scan, bind, map)", n, () -> mapper.map(body, true, now));
                shared += mapped;
                shared += time(
                        "Avro encode (serializer; its size is the split check)",
                        n,
                        () -> avro.serialize(Topics.ACCOUNTS_READY, event));
                time("  (was: a separate AvroSize count)", n, () -> splitter.split(event));
                System.out.printf("  %-48s %8.1f%n", "sum (mapper counted once, the count not)", shared);
                System.out.printf("    (scan + bind + map measured apart: %.1f)%n", scan + bind + map);
                double kafka = 0;
                System.out.println("  Kafka path only:");
                kafka += time(
                        "CloudEvents headers and record",
                        n,
                        () -> OutgoingRecord.event(Topics.ACCOUNTS_READY, loginId, event, "bench", now));
                for (Compression compression : new Compression[] {
                    Compression.NONE,
                    Compression.lz4().build(),
                    Compression.zstd().build()
                }) {
                    double batch = time(
                            "record batch, " + compression.type(),
                            n,
                            () -> batch(compression, loginId, value, headers));
                    if (compression.type() == Compression.lz4().build().type()) {
                        kafka += batch;
                    }
                }
                System.out.printf("  %-48s %8.1f%n", "sum (lz4, the service's default)", kafka);
                // The lz4 block compression inside that batch, by the compressor lz4-java hands Kafka's codec: the
                // native one once its library is loaded (the service does at start), the pure-Java one otherwise.
                for (LZ4Factory lz4 : new LZ4Factory[] {LZ4Factory.nativeInstance(), LZ4Factory.safeInstance()}) {
                    LZ4Compressor compressor = lz4.fastCompressor();
                    byte[] out = new byte[compressor.maxCompressedLength(value.length)];
                    time(
                            "lz4 block alone, " + lz4,
                            n,
                            () -> compressor.compress(value, 0, value.length, out, 0, out.length));
                }
            }
            for (Compression compression : new Compression[] {
                Compression.NONE, Compression.lz4().build(), Compression.zstd().build()
            }) {
                System.out.printf(
                        "one record per batch, %s: %,d bytes%n",
                        compression.type(),
                        batch(compression, loginId, value, headers).sizeInBytes());
            }
        }
    }

    private static MemoryRecords batch(Compression compression, String key, byte[] value, Header[] headers) {
        MemoryRecordsBuilder builder = MemoryRecords.builder(
                ByteBuffer.allocate(64 * 1024),
                RecordBatch.CURRENT_MAGIC_VALUE,
                compression,
                TimestampType.CREATE_TIME,
                0L);
        builder.append(0L, ByteBuffer.wrap(key.getBytes(StandardCharsets.UTF_8)), ByteBuffer.wrap(value), headers);
        builder.close();
        return builder.build();
    }

    /**
     * Microseconds per run: {@code n} runs to warm up, then the fastest of {@value #SLICES} slices of {@code n}
     * runs in all. The fastest slice is the one least disturbed by other processes on a shared machine.
     */
    private static double time(String name, int n, Stage stage) throws Exception {
        for (int i = 0; i < n; i++) {
            sink = stage.run();
        }
        int slice = Math.max(1, n / SLICES);
        double us = Double.MAX_VALUE;
        for (int s = 0; s < SLICES; s++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < slice; i++) {
                sink = stage.run();
            }
            us = Math.min(us, (System.nanoTime() - t0) / 1e3 / slice);
        }
        System.out.printf("    %-46s %8.1f%n", name, us);
        return us;
    }
}
