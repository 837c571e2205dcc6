package dev.flinkspipeline.ingest.kafka;

import dev.flinkspipeline.ingest.config.IngestConfig;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when Kafka answers {@code describeCluster} within a short timeout. The answer is cached for a
 * few seconds so frequent probes do not hammer the cluster, and probes never queue up behind a slow one.
 */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    IngestConfig config;

    private Admin admin;
    private HealthCheckResponse cached;
    private long cachedUntilNanos;

    @Override
    public synchronized HealthCheckResponse call() {
        long now = System.nanoTime();
        if (cached != null && now - cachedUntilNanos < 0) {
            return cached;
        }
        cached = check();
        cachedUntilNanos = System.nanoTime() + config.kafka().healthCacheTtl().toNanos();
        return cached;
    }

    private HealthCheckResponse check() {
        Duration timeout = config.kafka().healthTimeout();
        try {
            int nodes = admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes()
                    .get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS)
                    .size();
            return HealthCheckResponse.named("kafka")
                    .up()
                    .withData("nodes", nodes)
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("interrupted");
        } catch (Exception e) {
            return down("Kafka unreachable: " + e.getClass().getSimpleName());
        }
    }

    private static HealthCheckResponse down(String reason) {
        return HealthCheckResponse.named("kafka")
                .down()
                .withData("reason", reason)
                .build();
    }

    private Admin admin() {
        if (admin == null) {
            Map<String, Object> props = new HashMap<>();
            kafkaConfig.forEach((k, v) -> {
                if (AdminClientConfig.configNames().contains(k)) {
                    props.put(k, v);
                }
            });
            props.put(AdminClientConfig.CLIENT_ID_CONFIG, "ingest-service-health");
            props.putIfAbsent(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
            admin = Admin.create(props);
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
