package dev.flinkspipeline.streams.it;

import dev.flinkspipeline.streams.AccountsStreamsApplication;
import dev.flinkspipeline.testkit.PipelineInfrastructure;
import dev.flinkspipeline.testkit.spring.PipelineSettings;
import dev.flinkspipeline.testkit.spring.SpringService;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The application as it runs in production (its Spring Boot main class), in this JVM against the test's broker. */
final class AccountsStreamsService {

    private AccountsStreamsService() {}

    /** The application as {@code applicationId}, not started yet. */
    static SpringService app(PipelineInfrastructure infra, String applicationId) {
        Map<String, Object> p = new LinkedHashMap<>(PipelineSettings.kafka(infra));
        p.put("spring.kafka.streams.application-id", applicationId);
        p.put("accounts-streams.topics.partitions", "3");
        // A bare test broker: the application creates its output topics (the cluster declares them from the plan).
        p.put("accounts-streams.topics.create", "true");
        p.put("accounts-streams.instance-id", applicationId + "-1");
        p.put("server.port", "0");
        p.put("spring.main.banner-mode", "off");
        return SpringService.of(AccountsStreamsApplication.class, p);
    }

    /** Starts {@code app} with its state in {@code stateDir}: a new, empty one restores the stores from their changelogs. */
    static SpringService startIn(SpringService app, Path stateDir) {
        return app.with("spring.kafka.streams.state-dir", stateDir.toString()).start();
    }
}
