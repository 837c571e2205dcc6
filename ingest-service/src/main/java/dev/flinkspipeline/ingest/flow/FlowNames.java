package dev.flinkspipeline.ingest.flow;

import dev.flinkspipeline.events.FlinksFlow;
import java.util.Locale;

/**
 * The names of Flinks' two back-end flows as they appear in settings, session requests and signed tags:
 * {@code standard} (we poll the API) and {@code webhook} (Flinks pushes the data to us).
 */
public final class FlowNames {

    private FlowNames() {}

    /** The lower-case name of {@code flow}. */
    public static String of(FlinksFlow flow) {
        return flow.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The flow named exactly {@code standard} or {@code webhook}.
     *
     * @throws IllegalArgumentException for anything else (the message does not repeat the input)
     */
    public static FlinksFlow parse(String name) {
        if ("standard".equals(name)) {
            return FlinksFlow.STANDARD;
        }
        if ("webhook".equals(name)) {
            return FlinksFlow.WEBHOOK;
        }
        throw new IllegalArgumentException("a flow is 'standard' or 'webhook'");
    }
}
