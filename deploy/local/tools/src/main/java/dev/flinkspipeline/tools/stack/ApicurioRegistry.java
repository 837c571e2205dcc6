package dev.flinkspipeline.tools.stack;

import dev.flinkspipeline.schemas.plan.TopicPlan;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the stack runs Apicurio Registry (the prebuilt Quarkus server unpacked by deploy/local/registry): schemas
 * kept in a Kafka topic of the stack's broker (KafkaSQL, like Confluent's {@code _schemas}), both of its ports on
 * loopback, and the compatibility the project promises as the global rule (Apicurio's own default is NONE).
 */
public final class ApicurioRegistry {

    /** Base path of the Confluent-compatible API, the one the project's serde speaks. */
    public static final String CCOMPAT_PATH = "/apis/ccompat/v7";

    /**
     * Every new version of a subject must read data written with every earlier one: what schemas'
     * SchemaHistoryTest checks in the build, enforced again by the registry at run time.
     */
    public static final String COMPATIBILITY = "BACKWARD_TRANSITIVE";

    /** KafkaSQL's journal (every registry write, never deleted) and its snapshots. */
    public static final String JOURNAL_TOPIC = TopicPlan.REGISTRY_JOURNAL;

    public static final String SNAPSHOTS_TOPIC = TopicPlan.REGISTRY_SNAPSHOTS;

    /** How long KafkaSQL's consumers wait on an empty poll (Apicurio's default: 5,000 ms). */
    static final long POLL_TIMEOUT_MILLIS = 500;

    /** Readiness on the management port: up once the journal has been read back into memory. */
    static final String HEALTH_PATH = "/health/ready";

    private ApicurioRegistry() {}

    /** The Quarkus/Apicurio settings, passed as system properties (Apicurio reads its rules by prefix). */
    static Map<String, String> properties(String host, int httpPort, int managementPort, String bootstrapServers) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("quarkus.http.host", host);
        p.put("quarkus.http.port", Integer.toString(httpPort));
        p.put("quarkus.management.host", host);
        p.put("quarkus.management.port", Integer.toString(managementPort));
        p.put("apicurio.storage.kind", "kafkasql");
        p.put("apicurio.kafkasql.bootstrap.servers", bootstrapServers);
        p.put("apicurio.kafkasql.topic", JOURNAL_TOPIC);
        p.put("apicurio.kafkasql.snapshots.topic", SNAPSHOTS_TOPIC);
        // At start KafkaSQL reads the journal's check and the snapshots topic each until a poll comes back empty:
        // the default 5 s poll timeout made that 20 s of the registry's start, on a broker on the same machine.
        p.put("apicurio.kafkasql.consumer.poll.timeout", Long.toString(POLL_TIMEOUT_MILLIS));
        p.put("apicurio.rules.global.compatibility", COMPATIBILITY);
        // The access log of every request would drown the registry's own lines in the local log file.
        p.put("quarkus.http.access-log.enabled", "false");
        return p;
    }
}
