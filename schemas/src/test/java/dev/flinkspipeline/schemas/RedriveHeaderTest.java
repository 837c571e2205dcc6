package dev.flinkspipeline.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class RedriveHeaderTest {

    private static final Instant FAILED_AT = Instant.parse("2026-11-27T05:23:13.014Z");

    @Test
    void theIdNamesTheFailedEventAndWhenItFailed() {
        assertThat(RedriveHeader.id("4224f113-0000-5000-8000-000000000001", FAILED_AT))
                .isEqualTo("4224f113-0000-5000-8000-000000000001@2026-11-27T05:23:13.014Z");
        assertThat(RedriveHeader.id("e", FAILED_AT)).isNotEqualTo(RedriveHeader.id("e", FAILED_AT.plusMillis(1)));
        assertThatThrownBy(() -> RedriveHeader.id(" ", FAILED_AT)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesOneHeaderAndReadsItBack() {
        Headers headers = new RecordHeaders();
        assertThat(RedriveHeader.read(headers)).isNull();
        RedriveHeader.write(headers, "a@1");
        RedriveHeader.write(headers, "b@2");
        assertThat(headers.headers("flinks-redrive")).hasSize(1);
        assertThat(RedriveHeader.read(headers)).isEqualTo("b@2");
    }

    @Test
    void aBlankHeaderIsNoRedrive() {
        Headers headers = new RecordHeaders();
        headers.add("flinks-redrive", "  ".getBytes(StandardCharsets.UTF_8));
        assertThat(RedriveHeader.read(headers)).isNull();
        headers.add("flinks-redrive", null);
        assertThat(RedriveHeader.read(headers)).isNull();
    }
}
