package dev.flinkspipeline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.examples.AccountsReadyConsumer;
import dev.flinkspipeline.tools.demo.Flow;
import dev.flinkspipeline.tools.stack.LocalStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The guide's minimal consumer (docs/consumers.md) against the running pipeline and its Apicurio Registry. */
@Order(7)
@ExtendWith(E2eStack.class)
class ConsumerExampleIT {

    @Test
    void theGuidesConsumerReadsEachSnapshotOfALoginOnce() {
        LocalStack stack = E2eStack.stack();
        Customers.Started customer = new Customers(stack).start(Flow.WEBHOOK);
        List<AccountsReady> received = new ArrayList<>();
        try (AccountsReadyConsumer consumer = new AccountsReadyConsumer(
                stack.bootstrapServers(), stack.registryUrl(), "consumer-example-" + UUID.randomUUID())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(snapshot -> {
                    if (snapshot.getLoginId().equals(customer.loginId())) {
                        received.add(snapshot);
                    }
                });
            }
            assertThat(received).as("AccountsReady of " + customer.loginId()).isNotEmpty();
            // The webhook flow's snapshot may also arrive through a redelivery: the consumer hands it over once.
            for (int i = 0; i < 3; i++) {
                consumer.poll(snapshot -> {
                    if (snapshot.getLoginId().equals(customer.loginId())) {
                        received.add(snapshot);
                    }
                });
            }
        }
        assertThat(received).extracting(AccountsReady::getEventId).doesNotHaveDuplicates();
        assertThat(received.get(0).getAccounts()).isNotEmpty();
        assertThat(received.get(0).getAccounts().get(0).getTransactions()).isNotEmpty();
    }
}
