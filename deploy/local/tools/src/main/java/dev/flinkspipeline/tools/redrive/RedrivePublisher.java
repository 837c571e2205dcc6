package dev.flinkspipeline.tools.redrive;

import dev.flinkspipeline.schemas.CloudEventHeaders;
import dev.flinkspipeline.schemas.RedriveHeader;
import dev.flinkspipeline.schemas.serde.AvroSerializer;
import dev.flinkspipeline.tools.kafka.ClientSettings;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes re-drives, keyed by loginId like every pipeline record: a LoginReceived (Avro, CloudEvents headers)
 * or an AccountsReady exactly as it was written (same bytes and headers) plus the {@code flinks-redrive}
 * header. Idempotent producer, acks=all: a record is re-driven only once the brokers have it.
 */
final class RedrivePublisher implements AutoCloseable {

    static final String SOURCE = "/flinks-pipeline/tools/redrive";

    private final KafkaProducer<String, byte[]> producer;
    private final AvroSerializer avro;
    private final RedriveTopics topics;

    RedrivePublisher(ClientSettings settings, RedriveTopics topics) {
        this.producer = new KafkaProducer<>(settings.producer(), new StringSerializer(), new ByteArraySerializer());
        this.avro = AvroSerializer.create(settings.serde(true), false);
        this.topics = topics;
    }

    /** Writes every re-drive of {@code decisions}; returns why it failed, per loginId, for those that did. */
    Map<String, String> publish(List<RedriveDecision> decisions, Instant now) {
        Map<String, Future<RecordMetadata>> sent = new LinkedHashMap<>();
        Map<String, String> failed = new LinkedHashMap<>();
        for (RedriveDecision decision : decisions) {
            String loginId = decision.failure().loginId();
            try {
                ProducerRecord<String, byte[]> record = record(decision, now);
                if (record != null) {
                    sent.put(loginId, producer.send(record));
                }
            } catch (RuntimeException e) {
                failed.put(loginId, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        producer.flush();
        sent.forEach((loginId, future) -> {
            String error = await(future);
            if (error != null) {
                failed.put(loginId, error);
            }
        });
        return failed;
    }

    private ProducerRecord<String, byte[]> record(RedriveDecision decision, Instant now) {
        String loginId = decision.failure().loginId();
        if (decision.action() instanceof RedriveAction.SendLogin send) {
            RecordHeaders headers = new RecordHeaders();
            CloudEventHeaders.forEvent(send.event(), SOURCE, now).writeTo(headers);
            byte[] value = avro.serialize(topics.loginReceived(), send.event());
            return new ProducerRecord<>(topics.loginReceived(), null, loginId, value, headers);
        }
        if (decision.action() instanceof RedriveAction.RepublishAccounts republish) {
            RecordHeaders headers =
                    new RecordHeaders(republish.accounts().headers().toArray());
            RedriveHeader.write(headers, republish.redriveId());
            return new ProducerRecord<>(
                    topics.accountsReady(), null, loginId, republish.accounts().value(), headers);
        }
        return null;
    }

    private static String await(Future<RecordMetadata> future) {
        try {
            future.get();
            return null;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return cause.getClass().getSimpleName() + ": " + cause.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    @Override
    public void close() {
        producer.close();
        avro.close();
    }
}
