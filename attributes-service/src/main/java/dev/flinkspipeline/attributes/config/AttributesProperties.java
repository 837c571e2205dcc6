package dev.flinkspipeline.attributes.config;

import dev.flinkspipeline.schemas.Topics;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The attributes service's settings ({@code attributes.*}, environment {@code ATTRIBUTES_*} by relaxed binding),
 * each explained in docs/attributes.md; its consumers' are the job engine's ({@code pipeline.job.*}, {@code spring.kafka.*}). {@code attributeSet}: a use-case endpoint (UserAnalysis, Lending, ...) or
 * Custom (the POST endpoint with {@code custom}).
 */
@ConfigurationProperties("attributes")
public record AttributesProperties(
        @DefaultValue("UserAnalysis") String attributeSet,
        @DefaultValue Custom custom,
        @DefaultValue Session session,
        @DefaultValue Retry retry,
        @DefaultValue TopicNames topics) {

    /** The custom attribute set (attribute-set=Custom): the request's cards and filters. */
    public record Custom(
            @DefaultValue List<String> attributes,
            @DefaultValue List<String> accountCategories,
            boolean filterAccounts,
            @DefaultValue List<String> accountTypes,
            @DefaultValue List<String> attributesDetail) {}

    /** Reuse of the AccountsReady requestId while last use + idle-timeout - margin is ahead, and re-authorization. */
    public record Session(
            @DefaultValue("8m") Duration idleTimeout,
            @DefaultValue("2m") Duration margin,
            @DefaultValue("2") int maxAuthorizations,
            @DefaultValue("true") boolean accountsDetailFirst) {}

    /**
     * Retries of 202s and transient faults; {@code maxPause} bounds how late a job queued behind a later-due one can
     * run.
     */
    public record Retry(
            @DefaultValue("30m") Duration budget,
            @DefaultValue("10s") Duration pendingInterval,
            @DefaultValue("0.1") double pendingJitter,
            @DefaultValue("2s") Duration initialDelay,
            @DefaultValue("60s") Duration maxDelay,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("1s") Duration maxPause) {}

    public record TopicNames(
            @DefaultValue(Topics.ACCOUNTS_READY) String accountsReady,
            @DefaultValue(Topics.ATTRIBUTES_READY) String attributesReady,
            @DefaultValue(Topics.PIPELINE_FAILED) String pipelineFailed,
            @DefaultValue(Topics.ATTRIBUTES_SCHEDULED) String scheduled,
            @DefaultValue(Topics.ATTRIBUTES_SNAPSHOTS) String snapshots) {}
}
