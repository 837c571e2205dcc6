package dev.flinkspipeline.service.flinks;

import dev.flinkspipeline.flinks.client.FlinksCallObserver;
import dev.flinkspipeline.flinks.client.FlinksClient;
import dev.flinkspipeline.flinks.client.FlinksClientConfig;
import dev.flinkspipeline.flinks.sandbox.SandboxConfig;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;

/** Clients of a sandbox (or of nothing, at {@code baseUrl}) as the toolbox customer, with short timeouts. */
public final class SandboxClients {

    private SandboxClients() {}

    public static FlinksClient client(String baseUrl, String secretKey, String apiKey, FlinksCallObserver observer) {
        return new FlinksClient(FlinksClientConfig.builder()
                .baseUrl(baseUrl)
                .customerId(SandboxConfig.TOOLBOX_CUSTOMER_ID)
                .secretKey(secretKey)
                .apiKey(apiKey)
                .connectTimeout(Duration.ofSeconds(2))
                .requestTimeout(Duration.ofSeconds(5))
                .accountsDetailTimeout(Duration.ofSeconds(5))
                .callObserver(observer)
                .build());
    }

    /** Unvetted, untraced calls in the NORMAL lane of {@code budget}. */
    public static BudgetedFlinksCalls calls(FlinksClient client, FlinksCallBudget budget) {
        return new BudgetedFlinksCalls(client, budget, FlinksCallBudget.Lane.NORMAL, null, ObservationRegistry.NOOP);
    }
}
