package dev.flinkspipeline.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.testkit.registry.TestSchemaRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The start-time schema resolution against the test registry over HTTP, through an outage. */
class SchemaWarmUpTest {

    private final TestSchemaRegistry registry = TestSchemaRegistry.start();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        registry.close();
    }

    @Test
    void aRegistryThatComesUpLaterIsAskedAgainWithoutHoldingTheThread() throws Exception {
        registry.stop();
        CompletableFuture<Void> warmUp = SchemaWarmUp.start(
                serializer(true),
                Map.of("warm-up.late", LoginReceived.getClassSchema()),
                Duration.ofSeconds(60),
                scheduler);

        // One thread: a task queued behind the retries runs while the registry is still away.
        assertThat(scheduler.submit(() -> "ran").get(5, TimeUnit.SECONDS)).isEqualTo("ran");
        assertThat(warmUp).isNotDone();

        registry.restart();
        warmUp.get(10, TimeUnit.SECONDS);
        assertThat(SchemaRegistryClient.fromConfig(config(true))
                        .lookup("warm-up.late-value", LoginReceived.getClassSchema()))
                .isPositive();
    }

    @Test
    void aRegistryAwayLongerThanThePatienceFailsTheWarmUpAsUnreachable() {
        registry.stop();
        long started = System.nanoTime();
        CompletableFuture<Void> warmUp = SchemaWarmUp.start(
                serializer(true),
                Map.of("warm-up.away", LoginReceived.getClassSchema()),
                Duration.ofSeconds(1),
                scheduler);

        assertThatThrownBy(() -> warmUp.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(SchemaRegistryException.Unreachable.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void anAnswerOtherThanUnreachableEndsTheWarmUpAtOnceNamingTheTopic() {
        CompletableFuture<Void> warmUp = SchemaWarmUp.start(
                serializer(false),
                Map.of("warm-up.unregistered", LoginReceived.getClassSchema()),
                Duration.ofSeconds(60),
                scheduler);

        assertThatThrownBy(() -> warmUp.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .hasMessageContaining("warm-up.unregistered")
                .hasCauseInstanceOf(SchemaRegistryException.class);
    }

    private AvroSerializer serializer(boolean autoRegister) {
        return AvroSerializer.create(config(autoRegister), false);
    }

    private Map<String, Object> config(boolean autoRegister) {
        return Map.of(
                AvroSerdeConfig.SCHEMA_REGISTRY_URL,
                registry.url(),
                AvroSerdeConfig.AUTO_REGISTER_SCHEMAS,
                autoRegister,
                AvroSerdeConfig.REQUEST_TIMEOUT_MS,
                2000);
    }
}
