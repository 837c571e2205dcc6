package dev.flinkspipeline.tools.remap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.flinkspipeline.tools.kafka.RawRecord;
import dev.flinkspipeline.tools.kafka.TimeWindow;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class UnhandledSelectionTest {

    private static final Instant T0 = Instant.parse("2026-11-27T05:00:00Z");
    private static final String LOGIN = "4D10A335-C800-40C3-8ED1-30C76F46B824";

    private static RawRecord kept(String key, String body, String eventId, String reason, Instant at) {
        RecordHeaders headers = new RecordHeaders();
        if (eventId != null) {
            headers.add("eventId", eventId.getBytes(StandardCharsets.UTF_8));
        }
        if (reason != null) {
            headers.add("unhandled-reason", reason.getBytes(StandardCharsets.UTF_8));
        }
        headers.add("ResponseType", "Refresh".getBytes(StandardCharsets.UTF_8));
        return new RawRecord("flinks.webhook-unhandled", 0, 0, at, key, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    @Test
    void theLoginIdComesFromTheKeyElseTheBodyAndIsAlwaysAGuid() {
        assertThat(WebhookLogins.loginIdOf(LOGIN, null)).isEqualTo(LOGIN.toLowerCase());
        assertThat(WebhookLogins.loginIdOf(
                        null,
                        ("{\"ResponseType\":\"Refresh\",\"Accounts\":[{\"Id\":\"x\"}],\"login\":{\"Username\":\"jane\",\"ID\":\""
                                        + LOGIN + "\"}}")
                                .getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(LOGIN.toLowerCase());
        assertThat(WebhookLogins.loginIdOf(
                        null, "{\"Login\":{\"Id\":\"jane@example.com\"}}".getBytes(StandardCharsets.UTF_8)))
                .as("not a GUID: never printed")
                .isNull();
        assertThat(WebhookLogins.loginIdOf("not-a-guid", "not json".getBytes(StandardCharsets.UTF_8)))
                .isNull();
        assertThat(WebhookLogins.loginIdOf(null, "[1,2]".getBytes(StandardCharsets.UTF_8)))
                .isNull();
    }

    @Test
    void selectsByReasonWindowAndLoginEachBodyOnce() {
        UnhandledSelection selection = new UnhandledSelection(
                new UnhandledFilter(Set.of("Unknown-Type"), new TimeWindow(T0, T0.plusSeconds(3600)), null));
        selection.offer(UnhandledWebhook.of(kept(LOGIN, "{\"a\":1}", "id-1", "unknown-type", T0)));
        selection.offer(UnhandledWebhook.of(kept(LOGIN, "{\"a\":1}", "id-1", "unknown-type", T0.plusSeconds(5))));
        selection.offer(UnhandledWebhook.of(kept(LOGIN, "{\"b\":1}", "id-2", "failed-request", T0)));
        selection.offer(UnhandledWebhook.of(kept(LOGIN, "{\"c\":1}", "id-3", null, T0)));
        selection.offer(UnhandledWebhook.of(kept(LOGIN, "{\"d\":1}", "id-4", "unknown-type", T0.minusMillis(1))));
        selection.offer(UnhandledWebhook.of(kept(null, "{\"e\":1}", "id-5", "unknown-type", T0.plusSeconds(3599))));

        assertThat(selection.selected()).extracting(UnhandledWebhook::eventId).containsExactly("id-1", "id-5");
        assertThat(selection.copies()).isEqualTo(1);
        assertThat(selection.selected().get(0).loginId()).isEqualTo(LOGIN.toLowerCase());
        assertThat(selection.selected().get(1).loginId()).isNull();
    }

    @Test
    void withoutAReasonFilterRecordsWithoutTheHeaderAreIncludedAndLoginFiltersByGuid() {
        UnhandledSelection selection = new UnhandledSelection(new UnhandledFilter(Set.of(), TimeWindow.ALL, LOGIN));
        selection.offer(UnhandledWebhook.of(kept(LOGIN, "{\"c\":1}", null, null, T0)));
        selection.offer(
                UnhandledWebhook.of(kept("11111111-2222-3333-4444-555555555555", "{\"d\":1}", "id-4", null, T0)));
        assertThat(selection.selected()).hasSize(1);
        assertThat(selection.selected().get(0).eventId())
                .as("derived from the body when no header has it")
                .isNotBlank();
        assertThat(selection.selected().get(0).reason()).isNull();
    }

    @Test
    void theIngestUrlMayBeTheBaseOrTheWebhookUrl() {
        assertThat(WebhookReplayer.endpoint("http://127.0.0.1:8080"))
                .isEqualTo(URI.create("http://127.0.0.1:8080/webhooks/flinks"));
        assertThat(WebhookReplayer.endpoint("http://127.0.0.1:8080/"))
                .isEqualTo(URI.create("http://127.0.0.1:8080/webhooks/flinks"));
        assertThat(WebhookReplayer.endpoint("https://edge.example/flinks/webhooks/flinks"))
                .isEqualTo(URI.create("https://edge.example/flinks/webhooks/flinks"));
    }

    @Test
    void theOutcomeIsTheRecordTypeOrTheProblemCode() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        assertThat(WebhookReplayer.outcome(
                        json.objectNode().put("status", "accepted").put("type", "AccountsReady")))
                .isEqualTo("AccountsReady");
        assertThat(WebhookReplayer.outcome(
                        json.objectNode().put("type", "https://flinkspipeline.dev/problems/invalid-signature")))
                .isEqualTo("invalid-signature");
        assertThat(WebhookReplayer.outcome(json.missingNode())).isEqualTo("-");
    }
}
