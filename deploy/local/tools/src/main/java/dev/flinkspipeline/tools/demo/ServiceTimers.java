package dev.flinkspipeline.tools.demo;

import dev.flinkspipeline.tools.metrics.PrometheusSamples;
import dev.flinkspipeline.tools.metrics.TimerDelta;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The services' own timers over a run (scraped before and after it): each Flinks call by endpoint, how late a step
 * started after its record was due (the consumer's fetch), how long a batch's steps ran and its transaction took.
 * These split the hops that the event times cannot: inside the poller and attributes.
 */
final class ServiceTimers {

    /** A Prometheus timer family and the label its rows are split by. */
    private record Family(String name, String by, String label) {}

    private static final List<Family> FAMILIES = List.of(
            new Family("pipeline_job_lateness_seconds", "job", "step start after due (fetch)"),
            new Family("flinks_client_requests_seconds", "endpoint", "Flinks call"),
            new Family("pipeline_job_batch_steps_seconds", "listener", "batch steps"),
            new Family("pipeline_job_batch_commit_seconds", "listener", "batch transaction commit"));

    private static final String FORMAT = "  %-12s  %-26s  %-28s  %6s  %8s  %9s  %9s%n";

    private final Map<String, String> urls;
    private final Map<String, PrometheusSamples> before = new LinkedHashMap<>();

    /** @param urls service label to its Prometheus URL */
    ServiceTimers(Map<String, String> urls) {
        this.urls = Map.copyOf(urls);
    }

    /** Scrapes every service now: what {@link #print} reports is recorded from here on. */
    void start() {
        before.clear();
        new TreeMap<>(urls).forEach((service, url) -> before.put(service, PrometheusSamples.scrape(url)));
    }

    /** Scrapes again and prints what each timer recorded since the constructor. */
    void print(PrintStream out) {
        if (urls.isEmpty()) {
            return;
        }
        out.printf("%n  The services' own timers over the run (Prometheus histograms: p50/p99 are bucket bounds):%n");
        out.printf(FORMAT, "service", "timer", "of", "n", "mean ms", "p50 <= ms", "p99 <= ms");
        for (Map.Entry<String, PrometheusSamples> start : before.entrySet()) {
            PrometheusSamples end = PrometheusSamples.scrape(urls.get(start.getKey()));
            if (end.samples().isEmpty()) {
                out.printf(
                        FORMAT,
                        start.getKey(),
                        "(no answer from " + urls.get(start.getKey()) + ")",
                        "",
                        "",
                        "",
                        "",
                        "");
                continue;
            }
            for (Family family : FAMILIES) {
                for (String value : TimerDelta.values(end, family.name(), family.by())) {
                    Optional<TimerDelta> delta =
                            TimerDelta.of(start.getValue(), end, family.name(), family.by(), value);
                    delta.ifPresent(d -> out.printf(
                            FORMAT,
                            start.getKey(),
                            family.label(),
                            value,
                            d.n(),
                            String.format("%.1f", d.meanMs()),
                            bound(d.p50Ms()),
                            bound(d.p99Ms())));
                }
            }
        }
    }

    private static String bound(double millis) {
        return Double.isInfinite(millis) ? "inf" : String.format("%.1f", millis);
    }
}
