package dev.flinkspipeline.service.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.flinks.client.FlinksCallObserver;
import dev.flinkspipeline.flinks.client.FlinksOperation;
import dev.flinkspipeline.flinks.client.FlinksResult;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Flinks call spans hang under the caller's span, and the call completes in the caller's context. */
class ObservedFlinksCallsTest {

    private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
    private final ObservationRegistry registry = ObservationRegistry.create();
    private ExecutorService otherThread;

    @BeforeEach
    void setUp() {
        registry.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

            @Override
            public void onStop(Observation.Context context) {
                stopped.add(context);
            }
        });
        otherThread = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void tearDown() {
        otherThread.shutdownNow();
    }

    @Test
    void aCallIsAChildOfTheCallerAndCompletesInItsContext() throws Exception {
        ObservedFlinksCalls calls = new ObservedFlinksCalls(registry);
        Observation step = Observation.start("step", registry);
        FlinksCallObserver.Call call =
                step.scoped(() -> calls.started(FlinksOperation.AUTHORIZE, "Authorize", "login-1", "request-1"));
        AtomicReference<Observation> currentAtCompletion = new AtomicReference<>();

        otherThread
                .submit(() -> call.completed(
                        new FlinksResult.Data<>("ok", 200, new byte[0]),
                        () -> currentAtCompletion.set(registry.getCurrentObservation())))
                .get(5, TimeUnit.SECONDS);

        assertThat(currentAtCompletion.get()).isSameAs(step);
        Observation.Context flinks = stopped.get(0);
        assertThat(flinks.getName()).isEqualTo(ObservedFlinksCalls.NAME);
        assertThat(flinks.getContextualName()).isEqualTo("flinks Authorize");
        assertThat(flinks.getParentObservation()).isSameAs(step);
        assertThat(flinks.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("data");
        assertThat(flinks.getHighCardinalityKeyValue("flinks.login_id").getValue())
                .isEqualTo("login-1");
    }

    @Test
    void withoutATracerTheTraceReadIsWrittenOnUnchanged() {
        RecordTraces traces = new RecordTraces(ObservationRegistry.NOOP);
        Observation span = traces.consumed("listener", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "l");
        assertThat(traces.produced(span, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                .isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    }
}
