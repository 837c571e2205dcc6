package dev.flinkspipeline.ingest.bench;

import dev.flinkspipeline.flinks.sandbox.SandboxConfig;
import java.util.Map;

/**
 * What a benchmarked ingest process needs besides Kafka, the registry and the webhook secret: the settings it
 * refuses to start without that the webhook path never uses (no Flinks call, no Connect page is served), and
 * the tag-binding topic, which services no longer create unless asked (the bench broker is bare).
 */
final class BenchEnvironment {

    private BenchEnvironment() {}

    static void putRequired(Map<String, String> env) {
        env.put("KAFKA_AUTO_REGISTER_SCHEMAS", "true");
        env.put("INGEST_FLINKS_BASE_URL", "http://127.0.0.1:9");
        env.put("INGEST_FLINKS_CUSTOMER_ID", SandboxConfig.TOOLBOX_CUSTOMER_ID);
        env.put("INGEST_FLINKS_SECRET_KEY", SandboxConfig.TOOLBOX_SECRET_KEY);
        env.put("INGEST_CONNECT_IFRAME_URL", "http://127.0.0.1:9/v2/");
        env.put("INGEST_CONNECT_CALLBACK_URL", "http://127.0.0.1:9/connect/callback");
        env.put("INGEST_TAG_SECRETS", "bench-tag-secret-0123456789");
        env.put("INGEST_TAG_BINDINGS_CREATE_TOPIC", "true");
    }
}
