package dev.flinkspipeline.service.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

class RecordTracesTest {

    @Test
    void withoutATracerTheTraceReadIsWrittenOnUnchanged() {
        RecordTraces traces = new RecordTraces(ObservationRegistry.NOOP);
        Observation span = traces.consumed("listener", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "l");
        assertThat(traces.produced(span, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                .isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    }
}
