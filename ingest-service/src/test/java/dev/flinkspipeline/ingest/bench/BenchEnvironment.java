package dev.flinkspipeline.ingest.bench;

import dev.flinkspipeline.flinks.sandbox.SandboxConfig;
import java.util.Map;
import org.jboss.logmanager.Level;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

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

    /**
     * The harness JVM (broker, registry, load generator) has JBoss LogManager on its classpath and nothing configures
     * it: every logger is at TRACE with no handler, so the co-located broker built the trace messages of every produce
     * request only to drop them (over a tenth of its request threads' samples in a JFR recording), a cost no
     * configured broker pays. WARN and above go to stderr instead.
     */
    static void configureHarnessLogging() {
        Logger root = LogContext.getLogContext().getLogger("");
        root.setLevel(Level.WARN);
        root.addHandler(new ConsoleHandler(
                ConsoleHandler.Target.SYSTEM_ERR, new PatternFormatter("%d{HH:mm:ss} %-5p [%c] %s%e%n")));
    }
}
