package dev.flinkspipeline.poller.bench;

import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.AccountsSource;
import dev.flinkspipeline.flinks.client.json.FlinksJson;
import dev.flinkspipeline.flinks.client.model.AccountsDetailResponse;
import dev.flinkspipeline.flinks.events.AccountsDelivery;
import dev.flinkspipeline.flinks.events.AccountsReadyMapping;
import dev.flinkspipeline.flinks.sandbox.data.DaysOfTransactions;
import dev.flinkspipeline.flinks.sandbox.data.GadOptions;
import dev.flinkspipeline.flinks.sandbox.data.LoginDataGenerator;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MemoryRecordsBuilder;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.TimestampType;

/**
 * What one GetAccountsDetail 200 costs the poller in CPU, step by step, on one thread: Jackson parsing
 * the sandbox's body (Days90, identity, KYC), mapping to AccountsReady, Avro encoding (the unbuffered
 * encoder the serializer used before as the baseline, the buffered one it uses now), and a Kafka record
 * batch per compression type ({@code none} as the baseline). Run with
 * {@code ./mvnw -q -pl poller-service test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.flinkspipeline.poller.bench.AccountsReadyCost} ({@code -Dn=3000} iterations per round).
 */
public final class AccountsReadyCost {

    private interface Op {
        Object run() throws Exception;
    }

    private static Object sink;

    private AccountsReadyCost() {}

    public static void main(String[] args) throws Exception {
        byte[] body = new LoginDataGenerator(42, LocalDate.of(2026, 11, 1))
                .accountsDetailBytes(
                        "0b4f6e45-2a1d-4a59-9b0b-2d6f0c1b2a3c",
                        "bench",
                        GadOptions.full(DaysOfTransactions.Days90),
                        "a6a2f1a4-8d2b-4b8a-9a77-7c6c0c5b5d1e");
        var reader = FlinksJson.readerFor(AccountsDetailResponse.class);
        AccountsDetailResponse response = reader.readValue(body);
        Instant now = Instant.now();
        AccountsDelivery delivery = new AccountsDelivery(
                AccountsSource.POLL,
                "0b4f6e45-2a1d-4a59-9b0b-2d6f0c1b2a3c",
                "a6a2f1a4-8d2b-4b8a-9a77-7c6c0c5b5d1e",
                now,
                now,
                null,
                null,
                null,
                now,
                false);
        AccountsReady event = AccountsReadyMapping.map(response, delivery);
        var writer = new SpecificDatumWriter<AccountsReady>(
                AccountsReady.getClassSchema(), SpecificData.getForClass(AccountsReady.class));
        byte[] avro = buffered(writer, event, 256);
        System.out.printf(
                "GetAccountsDetail body %d bytes; AccountsReady %d bytes in Avro%n", body.length, avro.length);
        int n = Integer.getInteger("n", 3000);
        for (int round = 1; round <= 2; round++) {
            System.out.printf("round %d (the first includes JIT warm-up)%n", round);
            time("Jackson: parse the body", n, () -> reader.readValue(body));
            time("map to AccountsReady", n, () -> AccountsReadyMapping.map(response, delivery));
            time("Avro, direct encoder (baseline)", n, () -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream(256);
                BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
                writer.write(event, encoder);
                encoder.flush();
                byte[] bytes = out.toByteArray();
                return ByteBuffer.allocate(5 + bytes.length)
                        .put((byte) 0)
                        .putInt(1)
                        .put(bytes)
                        .array();
            });
            time("Avro, buffered encoder (AvroSerializer)", n, () -> buffered(writer, event, avro.length + 64));
            for (Compression compression : new Compression[] {
                Compression.NONE,
                Compression.lz4().build(),
                Compression.snappy().build(),
                Compression.zstd().build(),
                Compression.gzip().build()
            }) {
                time(
                        "record batch, " + compression.type() + (compression == Compression.NONE ? " (baseline)" : ""),
                        n / 3,
                        () -> batch(compression, avro));
            }
        }
        for (Compression compression : new Compression[] {
            Compression.NONE,
            Compression.lz4().build(),
            Compression.snappy().build(),
            Compression.zstd().build()
        }) {
            System.out.printf(
                    "one record per batch, %s: %d bytes%n",
                    compression.type(), batch(compression, avro).sizeInBytes());
        }
    }

    private static byte[] buffered(SpecificDatumWriter<AccountsReady> writer, AccountsReady event, int size)
            throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        writer.write(event, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static MemoryRecords batch(Compression compression, byte[] value) {
        MemoryRecordsBuilder builder = MemoryRecords.builder(
                ByteBuffer.allocate(64 * 1024),
                RecordBatch.CURRENT_MAGIC_VALUE,
                compression,
                TimestampType.CREATE_TIME,
                0L);
        builder.append(0L, null, value);
        builder.close();
        return builder.build();
    }

    private static void time(String name, int n, Op op) throws Exception {
        for (int i = 0; i < n; i++) {
            sink = op.run();
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            sink = op.run();
        }
        System.out.printf("  %-42s %8.1f us%n", name, (System.nanoTime() - t0) / 1e3 / n);
    }
}
