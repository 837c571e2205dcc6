package dev.flinkspipeline.service.job;

import dev.flinkspipeline.service.kafka.ConsumedRecords;
import dev.flinkspipeline.service.kafka.PartitionPauser;
import dev.flinkspipeline.service.tracing.RecordTraces;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a job service's listeners share: the commit path, the pauser of delay-topic partitions, the spans of
 * records, the meters of its kind of job and the bound on a batch's steps.
 *
 * @param stepTimeout bound on a batch's steps; unfinished steps are retried later ({@link StepBatch})
 */
public record JobEngine(
        BatchCommit commit,
        PartitionPauser pauser,
        RecordTraces traces,
        JobMetrics metrics,
        Clock clock,
        Duration stepTimeout) {

    /** Runs the steps of {@code jobs}, each started by the record of the same index in {@code sources}. */
    public <J, R> List<R> run(
            StepBatch.Steps<J, R> steps,
            String listenerId,
            List<J> jobs,
            List<ConsumerRecord<Object, Object>> sources) {
        List<String> traceparents =
                sources.stream().map(ConsumedRecords::traceparent).toList();
        return StepBatch.run(steps, jobs, traceparents, listenerId, traces, metrics, stepTimeout);
    }
}
