package dev.flinkspipeline.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    // Expected values computed independently with Python's uuid.uuid5 (see EventIds javadoc).
    @Test
    void namespaceIsTheVersion5UuidOfTheProjectUrl() {
        assertThat(EventIds.deriveNamespace()).isEqualTo(EventIds.NAMESPACE);
        assertThat(EventIds.NAMESPACE).hasToString("82e9c25f-b47a-5262-bff6-ff24cab22546");
    }

    @Test
    void eventIdsMatchAnIndependentVersion5Implementation() {
        assertThat(EventIds.forEvent("login", "req", "AccountsReady"))
                .isEqualTo(UUID.fromString("f54733fb-e544-5df8-a282-7a3f270e5a63"));
        assertThat(EventIds.forEvent("login", null, "LoginReceived"))
                .isEqualTo(UUID.fromString("c14e6b71-0621-5667-ba5e-da8176201b9f"));
        assertThat(EventIds.forEvent("login", "req", "PollScheduled", "2"))
                .isEqualTo(UUID.fromString("7c9fee7f-a052-56b0-aa6e-2b21b1c1a370"));
        assertThat(EventIds.forEvent("lögin", "req", "AccountsReady"))
                .isEqualTo(UUID.fromString("5d3cb8c0-c3f3-5d8d-96c8-bb0bafc5135c"));
        assertThat(EventIds.forPayload("KycReceived", "{\"ResponseType\":\"KYC\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(UUID.fromString("c770b937-3eb3-537e-b41f-eb1b46b20cbc"));
    }

    @Test
    void snapshotIdsNameTheLoginAndItsLastRefreshNotTheChannel() {
        Instant lastRefresh = Instant.parse("2025-06-30T12:00:00.1234567Z");
        assertThat(EventIds.forSnapshot("login", lastRefresh, "webhook-request"))
                .isEqualTo(EventIds.forSnapshot("login", lastRefresh, "poll-request"))
                .isEqualTo(UUID.fromString("9db21681-b63b-53bb-812e-c5ad88eb520b"));
        assertThat(EventIds.forSnapshot("login", null, "req"))
                .isEqualTo(UUID.fromString("9cf1ad3a-3b16-527b-a2df-e494c2d6f030"));
        assertThat(EventIds.forSnapshot("login", lastRefresh.plusNanos(100), "req"))
                .isNotEqualTo(EventIds.forSnapshot("login", lastRefresh, "req"));
    }

    @Test
    void idsAreVersion5AndDeterministic() {
        UUID id = EventIds.forEvent("l1", "r1", "AccountsReady");
        assertThat(id.version()).isEqualTo(5);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(EventIds.forEvent("l1", "r1", "AccountsReady")).isEqualTo(id);
        assertThat(EventIds.forEvent("l1", "r1", "AccountsReady", null)).isEqualTo(id);
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        assertThat(EventIds.forPayload("AccountsReady", body))
                .isEqualTo(EventIds.forPayload("AccountsReady", body.clone()));
    }

    @Test
    void differentInputsGiveDifferentIds() {
        UUID base = EventIds.forEvent("l1", "r1", "AccountsReady");
        assertThat(EventIds.forEvent("l2", "r1", "AccountsReady")).isNotEqualTo(base);
        assertThat(EventIds.forEvent("l1", "r2", "AccountsReady")).isNotEqualTo(base);
        assertThat(EventIds.forEvent("l1", "r1", "AttributesReady")).isNotEqualTo(base);
        assertThat(EventIds.forEvent("l1", null, "AccountsReady")).isNotEqualTo(base);
        assertThat(EventIds.forEvent("l1", "", "AccountsReady"))
                .isNotEqualTo(EventIds.forEvent("l1", null, "AccountsReady"));
        assertThat(EventIds.forEvent("l1", "r1", "AccountsReady", "1")).isNotEqualTo(base);
        // the length prefix keeps the encoding unambiguous
        assertThat(EventIds.forEvent("a|1:b", "c", "T")).isNotEqualTo(EventIds.forEvent("a", "b|1:c", "T"));
        assertThat(EventIds.forPayload("AccountsReady", new byte[] {1}))
                .isNotEqualTo(EventIds.forPayload("AccountsReady", new byte[] {2}))
                .isNotEqualTo(EventIds.forPayload("KycReceived", new byte[] {1}));
    }

    @Test
    void rejectsMissingInputs() {
        assertThatThrownBy(() -> EventIds.forEvent(null, "r", "T"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loginId");
        assertThatThrownBy(() -> EventIds.forEvent("l", "r", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eventType");
        assertThatThrownBy(() -> EventIds.forPayload("T", null)).isInstanceOf(NullPointerException.class);
    }
}
