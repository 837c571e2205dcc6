package dev.flinkspipeline.streams.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Headers of a dead letter: the original record's headers, plus where it came from and why, with the names and
 * encodings the Spring services' dead letters use, so one tool reads every {@code .DLT} topic alike.
 */
public final class DeadLetterHeaders {

    /** One readable line: why the record could not be processed (same header as service-support's DeadLetters). */
    public static final String REASON = "dlt-reason";
    /** Which application dead-lettered it (several consume flinks.accounts-ready). */
    public static final String APPLICATION = "dlt-application";

    public static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";
    /** 4-byte big-endian int. */
    public static final String ORIGINAL_PARTITION = "kafka_dlt-original-partition";
    /** 8-byte big-endian long. */
    public static final String ORIGINAL_OFFSET = "kafka_dlt-original-offset";

    private DeadLetterHeaders() {}

    public static Headers of(
            Headers original, String topic, int partition, long offset, String application, String reason) {
        Headers headers = new RecordHeaders(original.toArray());
        headers.remove(REASON);
        headers.add(REASON, text(reason));
        headers.add(APPLICATION, text(application));
        headers.add(ORIGINAL_TOPIC, text(topic));
        headers.add(ORIGINAL_PARTITION, ByteBuffer.allocate(4).putInt(partition).array());
        headers.add(ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(offset).array());
        return headers;
    }

    private static byte[] text(String value) {
        return (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
    }
}
