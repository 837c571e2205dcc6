package dev.flinkspipeline.ingest.it;

import java.util.HashMap;
import java.util.Map;

/**
 * {@link IngestTestResource} with edge settings a test can exhaust in seconds: a 20 MiB body budget
 * (webhooks up to 8 MiB), a 10 s idle timeout, a 4 s header timeout (shorter, so that a test tells the two
 * apart); the body pace keeps its defaults (5 s grace, 16 KiB/s).
 */
public class EdgeTestResource extends IngestTestResource {

    public static final long BODY_BUDGET = 20L * 1024 * 1024;
    public static final int IDLE_TIMEOUT_SECONDS = 10;
    public static final int HEADER_TIMEOUT_SECONDS = 4;

    @Override
    public Map<String, String> start() {
        Map<String, String> settings = new HashMap<>(super.start());
        settings.put("ingest.http.body-budget", Long.toString(BODY_BUDGET));
        settings.put("quarkus.http.idle-timeout", IDLE_TIMEOUT_SECONDS + "s");
        settings.put("ingest.http.header-timeout", HEADER_TIMEOUT_SECONDS + "s");
        return settings;
    }
}
