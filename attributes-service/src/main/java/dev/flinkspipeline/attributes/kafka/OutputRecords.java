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
        String loginId = decision.job().loginId();
        if (decision instanceof JobDecision.Done done) {
            return event(
                    topics.attributesReady(), loginId, Outcomes.attributesReady(done.fetched(), now), now, traceparent);
        }
        if (decision instanceof JobDecision.GaveUp gaveUp) {
            return event(
                    topics.pipelineFailed(), loginId, Outcomes.pipelineFailed(gaveUp.failed(), now), now, traceparent);
        }
        JobDecision.Retry retry = (JobDecision.Retry) decision;
        return event(topics.scheduled(), loginId, JobRecords.toRecord(retry.job(), retry.dueAt()), now, traceparent);
    }

    static ProducerRecord<Object, Object> event(
            String topic, String key, SpecificRecord value, Instant now, String traceparent) {
        ProducerRecord<Object, Object> record = new ProducerRecord<>(topic, key, value);
        CloudEventHeaders.forEvent(value, SOURCE, now)
                .withTraceparent(traceparent)
                .writeTo(record.headers());
        return record;
    }
}
