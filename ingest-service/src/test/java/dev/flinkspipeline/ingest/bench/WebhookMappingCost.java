package dev.flinkspipeline.ingest.bench;

import com.sun.management.ThreadMXBean;
import dev.flinkspipeline.flinks.client.model.AccountsDetailResponse;
import dev.flinkspipeline.flinks.events.AccountsDelivery;
import dev.flinkspipeline.flinks.events.AccountsReadyMapping;
import dev.flinkspipeline.flinks.sandbox.data.LoginDataGenerator;
import dev.flinkspipeline.ingest.security.TagUserReferences;
import dev.flinkspipeline.ingest.webhook.WebhookMapper;
import dev.flinkspipeline.ingest.webhook.WebhookOutcome;
import dev.flinkspipeline.ingest.webhook.WebhookParser;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/**
 * Bytes allocated, and time, to parse and map one large GetAccountsDetail webhook: the sandbox's 365-day
 * webhook with its transactions repeated to {@code bench.bytes} (15,000,000), the body of the edge
 * attacks. Allocation is the calling thread's ({@code ThreadMXBean#getThreadAllocatedBytes}), so it
 * counts garbage too: what a 256 MB heap has to collect per webhook.
 *
 * <p>Run: {@code ./mvnw -B -q -pl ingest-service -am test-compile dependency:build-classpath
 * -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test}, then from {@code ingest-service}: {@code java
 * -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.flinkspipeline.ingest.bench.WebhookMappingCost}.
 * System properties: {@code bench.bytes}, {@code bench.runs} (10).
 */
public final class WebhookMappingCost {

    private WebhookMappingCost() {}

    public static void main(String[] args) {
        BenchEnvironment.configureHarnessLogging();
        int bytes = Integer.getInteger("bench.bytes", 15_000_000);
        int runs = Integer.getInteger("bench.runs", 10);
        byte[] body = LargeWebhooks.accountsDetail(
                new LoginDataGenerator(42, LocalDate.of(2026, 12, 1)),
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString(),
                bytes);
        WebhookMapper mapper = new WebhookMapper(new TagUserReferences(Optional.empty()));
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        System.out.printf("body %,d bytes%n", body.length);
        long fewest = Long.MAX_VALUE;
        for (int run = 1; run <= runs; run++) {
            long before = threads.getThreadAllocatedBytes(thread);
            long start = System.nanoTime();
            WebhookOutcome outcome = mapper.map(body, true, Instant.now());
            long nanos = System.nanoTime() - start;
            long allocated = threads.getThreadAllocatedBytes(thread) - before;
            if (!(outcome instanceof WebhookOutcome.AccountsDetail accounts)) {
                throw new IllegalStateException("not mapped: " + outcome);
            }
            fewest = Math.min(fewest, allocated);
            System.out.printf(
                    "run %2d: %,.1f MB allocated, %,d ms, %,d transactions%n",
                    run,
                    allocated / 1e6,
                    nanos / 1_000_000,
                    accounts.event().getAccounts().stream()
                            .mapToInt(a -> a.getTransactions().size())
                            .sum());
        }
        System.out.printf("fewest bytes allocated in a run: %,.1f MB%n", fewest / 1e6);
        // Where they go, phase by phase (after the runs above, so every phase is compiled).
        WebhookParser parser = new WebhookParser();
        long before = threads.getThreadAllocatedBytes(thread);
        parser.scan(body);
        long scanned = threads.getThreadAllocatedBytes(thread);
        AccountsDetailResponse model = parser.accountsDetail(body);
        long bound = threads.getThreadAllocatedBytes(thread);
        AccountsReadyMapping.map(model, AccountsDelivery.webhook(null, Instant.now()));
        long mapped = threads.getThreadAllocatedBytes(thread);
        System.out.printf(
                "scan %,.1f MB, bind to the model %,.1f MB, map to AccountsReady %,.1f MB%n",
                (scanned - before) / 1e6, (bound - scanned) / 1e6, (mapped - bound) / 1e6);
    }
}
