package dev.flinkspipeline.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The service speaks HTTP/1.1 only: cleartext HTTP/2, by upgrade or with prior knowledge, would pass the
 * edge's header deadlines, so neither is served as HTTP/2.
 */
@QuarkusTest
@QuarkusTestResource(IngestTestResource.class)
class Http1OnlyTest {

    /** The client connection preface of HTTP/2 with prior knowledge (RFC 9113, 3.4). */
    private static final String PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

    @Test
    void anH2cUpgradeIsAnsweredAsHttp1() {
        try (RawHttp http = RawHttp.open()) {
            RawHttp.Answer answer = http.send(RawHttp.head(
                            "GET",
                            "/q/health/live",
                            "Connection: Upgrade, HTTP2-Settings",
                            "Upgrade: h2c",
                            "HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA"))
                    .read(10_000);
            assertThat(answer.head()).startsWith("HTTP/1.1 200");
            assertThat(answer.header("Upgrade")).isNull();
        }
    }

    @Test
    void thePriorKnowledgePrefaceIsRefusedInHttp1() {
        try (RawHttp http = RawHttp.open()) {
            RawHttp.Answer answer = http.send(PREFACE).read(10_000);
            assertThat(answer.head()).startsWith("HTTP/1.1 505");
            EdgeLimitsTest.assertProblem(answer, 505, "http-version-not-supported");
            assertThat(answer.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(http.awaitClose(10_000))
                    .as("connection closed after (ms)")
                    .isBetween(0L, 5_000L);
        }
    }
}
