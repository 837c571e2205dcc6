package dev.flinkspipeline.poller.it;

import dev.flinkspipeline.flinks.sandbox.SandboxConfig;
import dev.flinkspipeline.poller.PollerApplication;
import dev.flinkspipeline.testkit.PipelineInfrastructure;
import dev.flinkspipeline.testkit.spring.PipelineSettings;
import dev.flinkspipeline.testkit.spring.ServiceHarness;
import java.util.LinkedHashMap;
import java.util.Map;

/** The poller's settings in the integration tests: time compressed to milliseconds, no web server. */
final class PollerSettings {

    private PollerSettings() {}

    /** Every setting of a test instance on {@code scenario}'s topics, against Flinks at {@code flinksBaseUrl}. */
    static Map<String, Object> of(PipelineInfrastructure infra, String flinksBaseUrl, Scenario scenario) {
        Map<String, Object> p = new LinkedHashMap<>(PipelineSettings.kafka(infra));
        p.putAll(PipelineSettings.flinks(flinksBaseUrl));
        p.putAll(ofPoller(scenario));
        return p;
    }

    /**
     * The poller on {@code scenario} against a sandbox of {@code sandbox}, ready to {@link ServiceHarness.Builder#start()}
     * (the scenario's topics are created first).
     */
    static ServiceHarness.Builder harness(PipelineInfrastructure infra, Scenario scenario, SandboxConfig sandbox) {
        scenario.create(infra);
        return ServiceHarness.of(PollerApplication.class, infra)
                .sandbox(sandbox)
                .settings(ofPoller(scenario));
    }

    private static Map<String, Object> ofPoller(Scenario scenario) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("pipeline.kafka.transaction-timeout", "10s");
        p.put("flinks.request-timeout", "5s");
        p.put("spring.main.web-application-type", "none");
        p.put("poller.poll-interval", "200ms");
        p.put("poller.max-poll-duration", "20s");
        p.put("poller.retry.initial-backoff", "50ms");
        p.put("poller.retry.max-backoff", "200ms");
        p.put("poller.topics.login-received", scenario.logins());
        p.put("poller.topics.poll-scheduled", scenario.polls());
        p.put("poller.topics.accounts-ready", scenario.accounts());
        p.put("poller.topics.pipeline-failed", scenario.failures());
        p.put("poller.topics.webhook-wait", scenario.waits());
        p.put("poller.topics.accounts-seen", scenario.accountsSeen());
        p.put("pipeline.job.topics.partitions", "3");
        // A bare test broker: the service creates its internal topics (the cluster declares them from the plan).
        p.put("pipeline.job.topics.create", "true");
        p.put("spring.kafka.consumer.group-id", scenario.name());
        p.put("spring.kafka.listener.poll-timeout", "200ms");
        p.put("pipeline.job.failed-batch-pause", "200ms");
        p.put("pipeline.job.failed-batch-max-pause", "400ms");
        p.put("logging.level.dev.flinkspipeline", "INFO");
        return p;
    }
}
