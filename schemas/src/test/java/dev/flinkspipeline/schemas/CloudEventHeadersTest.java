package dev.flinkspipeline.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class CloudEventHeadersTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void writesTheBinaryModeHeadersAndReadsThemBack() {
        Instant time = Instant.parse("2026-01-21T20:47:47.145Z");
        CloudEventHeaders ce = new CloudEventHeaders(
                        "id-1", "dev.flinkspipeline.AccountsReady", "/flinks-pipeline/poller", time, null)
                .withTraceparent(TRACEPARENT);
        Headers headers = ce.writeTo(new RecordHeaders());

        assertThat(text(headers, "ce_specversion")).isEqualTo("1.0");
        assertThat(text(headers, "ce_id")).isEqualTo("id-1");
        assertThat(text(headers, "ce_type")).isEqualTo("dev.flinkspipeline.AccountsReady");
        assertThat(text(headers, "ce_source")).isEqualTo("/flinks-pipeline/poller");
        assertThat(text(headers, "ce_time")).isEqualTo("2026-01-21T20:47:47.145Z");
        assertThat(text(headers, "content-type")).isEqualTo("application/avro");
        assertThat(text(headers, "traceparent")).isEqualTo(TRACEPARENT);

        assertThat(CloudEventHeaders.read(headers)).contains(ce);
    }

    @Test
    void rewritingReplacesInsteadOfDuplicating() {
        Headers headers = new RecordHeaders();
        new CloudEventHeaders("a", "t", "s", Instant.EPOCH, TRACEPARENT).writeTo(headers);
        new CloudEventHeaders("b", "t", "s", Instant.EPOCH, null).writeTo(headers);
        assertThat(headers.headers("ce_id")).hasSize(1);
        assertThat(headers.lastHeader("traceparent")).isNull();
        assertThat(CloudEventHeaders.read(headers).orElseThrow().id()).isEqualTo("b");
    }

    @Test
    void forEventTakesIdAndTypeFromTheRecord() {
        var event = SampleEvents.loginReceivedMinimal();
        CloudEventHeaders ce = CloudEventHeaders.forEvent(event, "/flinks-pipeline/ingest", Instant.EPOCH);
        assertThat(ce.id()).isEqualTo(event.getEventId());
        assertThat(ce.type()).isEqualTo("dev.flinkspipeline.LoginReceived");
        assertThat(ce.traceparent()).isNull();
    }

    @Test
    void acceptsRfc3339TimesWithOffsets() {
        Headers headers = new CloudEventHeaders("a", "t", "s", Instant.EPOCH, null).writeTo(new RecordHeaders());
        headers.remove("ce_time");
        headers.add("ce_time", "2026-01-21T15:47:47.1234567-05:00".getBytes(StandardCharsets.UTF_8));
        assertThat(CloudEventHeaders.read(headers).orElseThrow().time())
                .isEqualTo(Instant.parse("2026-01-21T20:47:47.1234567Z"));
    }

    @Test
    void recordsWithoutCloudEventHeadersAreNotCloudEvents() {
        assertThat(CloudEventHeaders.read(new RecordHeaders())).isEqualTo(Optional.empty());
    }

    @Test
    void malformedCloudEventsGiveClearErrors() {
        Headers noId = new CloudEventHeaders("a", "t", "s", Instant.EPOCH, null).writeTo(new RecordHeaders());
        noId.remove("ce_id");
        assertThatThrownBy(() -> CloudEventHeaders.read(noId))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ce_id is missing");

        Headers badTime = new CloudEventHeaders("a", "t", "s", Instant.EPOCH, null).writeTo(new RecordHeaders());
        badTime.remove("ce_time");
        badTime.add("ce_time", "yesterday".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> CloudEventHeaders.read(badTime))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ce_time");

        Headers otherVersion = new RecordHeaders();
        otherVersion.add("ce_specversion", "0.3".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> CloudEventHeaders.read(otherVersion))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.3");
    }

    private static String text(Headers headers, String key) {
        return new String(headers.lastHeader(key).value(), StandardCharsets.UTF_8);
    }
}
