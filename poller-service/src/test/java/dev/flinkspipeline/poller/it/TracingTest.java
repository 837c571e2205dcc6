package dev.flinkspipeline.poller.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.flinks.sandbox.SandboxConfig;
import dev.flinkspipeline.flinks.sandbox.admin.client.SandboxAdminClient;
import dev.flinkspipeline.schemas.CloudEventHeaders;
import dev.flinkspipeline.testkit.PipelineInfra;
import dev.flinkspipeline.testkit.spring.AvroProducer;
import dev.flinkspipeline.testkit.spring.ServiceHarness;
import dev.flinkspipeline.testkit.spring.TopicReader;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One trace across the services: a LoginReceived carrying an upstream {@code traceparent} (as ingest writes
 * it) is polled by a running poller with the OpenTelemetry tracer, against a real broker and the Flinks
 * sandbox; the AccountsReady it writes carries the same trace, and the spans the poller recorded (kept in
 * memory instead of exported) hang under the upstream span: the record's processing, each Flinks call and
 * the send of the outcome.
 */
class TracingTest {

    @RegisterExtension
    static final PipelineInfra infra = new PipelineInfra();

    private static final Scenario scenario = new Scenario("tracing");
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String UPSTREAM_SPAN = "00f067aa0ba902b7";

    private static final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private static ServiceHarness harness;
    private static SandboxAdminClient admin;
    private static AvroProducer feeder;
    private static TopicReader outcomes;

    @BeforeAll
    static void start() {
        harness = PollerSettings.harness(
                        infra, scenario, SandboxConfig.builder().pendingPolls(0).build())
                .with("management.tracing.sampling.probability", "1.0")
                .with("management.opentelemetry.tracing.export.schedule-delay", "50ms")
                // The exporter is a bean the tracer picks up, as it would pick up the OTLP one.
                .initializer(context -> context.getBeanFactory().registerSingleton("testSpans", spans))
                .start();
        admin = harness.admin();
        feeder = harness.producer();
        outcomes = harness.reader(scenario.accounts(), scenario.failures());
    }

    @AfterAll
    static void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void accountsReadyContinuesTheTraceOfItsLoginReceived() {
        String loginId = admin.createLogin(Map.of("pendingPolls", 0)).loginId();
        feeder.sendTraced(
                scenario.logins(),
                loginId,
                Logins.login(loginId, List.of()),
                "00-" + TRACE_ID + "-" + UPSTREAM_SPAN + "-01");

        ConsumerRecord<String, Object> record =
                outcomes.until(r -> r.stream().anyMatch(x -> loginId.equals(x.key())), Duration.ofSeconds(30)).stream()
                        .filter(x -> loginId.equals(x.key()))
                        .findFirst()
                        .orElseThrow();
        assertThat(record.value()).isInstanceOf(AccountsReady.class);
        String[] written = traceparent(record).split("-");
        assertThat(written[1]).isEqualTo(TRACE_ID);
        assertThat(written[2]).as("a span of the poller, not the upstream one").isNotEqualTo(UPSTREAM_SPAN);
        assertThat(written[3]).isEqualTo("01");

        List<SpanData> trace = exportedUntil(s -> s.getSpanId().equals(written[2]));
        SpanData process = trace.stream()
                .filter(s -> s.getKind() == SpanKind.CONSUMER)
                .findFirst()
                .orElseThrow();
        assertThat(process.getParentSpanId()).isEqualTo(UPSTREAM_SPAN);
        SpanData send = trace.stream()
                .filter(s -> s.getSpanId().equals(written[2]))
                .findFirst()
                .orElseThrow();
        assertThat(send.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(send.getParentSpanId()).isEqualTo(process.getSpanId());
        List<SpanData> flinksCalls =
                trace.stream().filter(s -> s.getName().startsWith("flinks ")).toList();
        assertThat(flinksCalls)
                .extracting(SpanData::getName)
                .contains("flinks GenerateAuthorizeToken", "flinks Authorize", "flinks GetAccountsDetail");
        assertThat(flinksCalls).allSatisfy(call -> {
            assertThat(call.getParentSpanId()).isEqualTo(process.getSpanId());
            assertThat(call.getAttributes().get(AttributeKey.stringKey("outcome")))
                    .isEqualTo("data");
        });
        assertThat(flinksCalls.stream()
                        .filter(s -> s.getName().equals("flinks Authorize"))
                        .findFirst()
                        .orElseThrow()
                        .getAttributes()
                        .get(AttributeKey.stringKey("flinks.login_id")))
                .isEqualTo(loginId);
    }

    /** The exported spans of the trace once one matches {@code wanted} (spans are exported in batches). */
    private static List<SpanData> exportedUntil(Predicate<SpanData> wanted) {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<SpanData> trace = spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getTraceId().equals(TRACE_ID))
                    .toList();
            if (trace.stream().anyMatch(wanted) || System.nanoTime() > end) {
                return trace;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return trace;
            }
        }
    }

    private static String traceparent(ConsumerRecord<?, ?> record) {
        Header header = record.headers().lastHeader(CloudEventHeaders.TRACEPARENT);
        assertThat(header).as("traceparent header").isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
