package dev.flinkspipeline.service.flinks;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A registry that records every observation stopped in it: the spans a test expects. */
final class StoppedObservations implements ObservationHandler<Observation.Context> {

    final ObservationRegistry registry = ObservationRegistry.create();
    final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

    StoppedObservations() {
        registry.observationConfig().observationHandler(this);
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return true;
    }

    @Override
    public void onStop(Observation.Context context) {
        stopped.add(context);
    }
}
