package dev.flinkspipeline.attributes.kafka;

import dev.flinkspipeline.attributes.config.AttributesProperties;
import dev.flinkspipeline.attributes.events.JobRecords;
import dev.flinkspipeline.attributes.events.Outcomes;
import dev.flinkspipeline.attributes.job.JobDecision;
import dev.flinkspipeline.schemas.CloudEventHeaders;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/** The records the service writes, keyed by loginId, with CloudEvents headers. */
public record OutputRecords(AttributesProperties.TopicNames topics) {

    /** {@code ce_source} of every event this service writes. */
    public static final String SOURCE = "/flinks-pipeline/attributes";

    /** The record of a job decision: AttributesReady, PipelineFailed or AttributesScheduled. */
    public ProducerRecord<Object, Object> forDecision(JobDecision decision, Instant now, String traceparent) {
        SpecificRecord event = switch (decision) {
            case JobDecision.Done done -> Outcomes.attributesReady(done.fetched(), now);
            case JobDecision.GaveUp gaveUp -> Outcomes.pipelineFailed(gaveUp.failed(), now);
            case JobDecision.Retry retry -> JobRecords.toRecord(retry.job(), retry.dueAt());
        };
        String topic = switch (decision) {
            case JobDecision.Done done -> topics.attributesReady();
            case JobDecision.GaveUp gaveUp -> topics.pipelineFailed();
            case JobDecision.Retry retry -> topics.scheduled();
        };
        ProducerRecord<Object, Object> record =
                new ProducerRecord<>(topic, decision.job().loginId(), event);
        CloudEventHeaders.forEvent(event, SOURCE, now)
                .withTraceparent(traceparent)
                .writeTo(record.headers());
        return record;
    }
}
