package dev.flinkspipeline.tools.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.events.LoginSource;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void specificRecordBecomesValidJsonWithIsoInstantsAndEnums() throws Exception {
        LoginReceived event = LoginReceived.newBuilder()
                .setEventId("e-1")
                .setLoginId("5e115eac-0000-0000-0000-000000000001")
                .setInstitution("FlinksCapital")
                .setAccountIds(List.of("a1", "a2"))
                .setVia(LoginSource.REDIRECT_URL)
                .setReceivedAt(Instant.parse("2026-01-02T03:04:05.678Z"))
                .build();

        JsonNode json = MAPPER.readTree(EventJson.pretty(event));

        assertThat(json.path("loginId").asText()).isEqualTo("5e115eac-0000-0000-0000-000000000001");
        assertThat(json.path("via").asText()).isEqualTo("REDIRECT_URL");
        assertThat(json.path("receivedAt").asText()).isEqualTo("2026-01-02T03:04:05.678Z");
        assertThat(json.path("tag").isNull()).isTrue();
        assertThat(json.path("accountIds")).hasSize(2);
    }

    @Test
    void moneyStaysExactAndDatesAreIso() throws Exception {
        Schema schema = SchemaBuilder.record("R")
                .fields()
                .name("amount")
                .type()
                .bytesType()
                .noDefault()
                .name("day")
                .type()
                .stringType()
                .noDefault()
                .endRecord();
        GenericRecord record = new GenericData.Record(schema);
        record.put("amount", new BigDecimal("1234567890.1200"));
        record.put("day", LocalDate.of(2026, 2, 28));

        String text = EventJson.compact(record);

        assertThat(text).contains("\"amount\":1234567890.1200").contains("\"day\":\"2026-02-28\"");
        assertThat(MAPPER.readTree(text).path("amount").decimalValue()).isEqualByComparingTo("1234567890.12");
    }

    @Test
    void rawBodiesArePrintedAsJsonWhenTheyParseAndAsTextOtherwise() {
        assertThat(EventJson.raw("{\"ResponseType\":\"Other\"}".getBytes(StandardCharsets.UTF_8), true))
                .isEqualTo("{\"ResponseType\":\"Other\"}");
        assertThat(EventJson.raw("not json".getBytes(StandardCharsets.UTF_8), true))
                .isEqualTo("not json");
    }

    @Test
    void filtersOnKeyOrLoginIdField() {
        LoginReceived event = LoginReceived.newBuilder()
                .setEventId("e")
                .setLoginId("L1")
                .setInstitution("FlinksCapital")
                .setVia(LoginSource.API)
                .setReceivedAt(Instant.EPOCH)
                .build();
        assertThat(TopicViewer.matches("L1", null, "L1")).isTrue();
        assertThat(TopicViewer.matches(null, event, "L1")).isTrue();
        assertThat(TopicViewer.matches("other", event, "L2")).isFalse();
        assertThat(TopicViewer.matches(null, "{\"Login\":{\"Id\":\"L3\"}}".getBytes(StandardCharsets.UTF_8), "L3"))
                .isTrue();
    }
}
