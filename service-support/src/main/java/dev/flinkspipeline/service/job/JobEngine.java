package dev.flinkspipeline.service.job;

import dev.flinkspipeline.service.kafka.PartitionPauser;
import dev.flinkspipeline.service.tracing.RecordTraces;
import java.time.Clock;
import java.time.Duration;

/**
 * What a job service's listeners share: the commit path, the pauser of delay-topic partitions, the spans of
 * records, the meters of its kind of job and the bound on a batch's steps ({@link StepBatch}).
 */
public record JobEngine(
        BatchCommit commit,
        PartitionPauser pauser,
        RecordTraces traces,
        JobMetrics metrics,
        Clock clock,
        Duration stepTimeout) {}
