package dev.flinkspipeline.tools.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a Micrometer timer published as a Prometheus histogram recorded between two scrapes, for the samples whose
 * label {@code by} has one value: how many, their mean, and the bucket bounds under which 50 % and 99 % of them fell
 * (a bucket's upper bound: a histogram knows no finer).
 *
 * @param n      recordings between the scrapes
 * @param meanMs their mean, in milliseconds
 * @param p50Ms  upper bound of the bucket holding the median, in milliseconds
 * @param p99Ms  upper bound of the bucket holding the 99th percentile, in milliseconds
 */
public record TimerDelta(long n, double meanMs, double p50Ms, double p99Ms) {

    /**
     * The timer {@code family} (e.g. {@code flinks_client_requests_seconds}) between {@code before} and {@code
     * after}, summed over every sample whose label {@code by} is {@code value}; empty when nothing was recorded.
     */
    public static Optional<TimerDelta> of(
            PrometheusSamples before, PrometheusSamples after, String family, String by, String value) {
        double count = sum(after, family + "_count", by, value) - sum(before, family + "_count", by, value);
        if (count < 1) {
            return Optional.empty();
        }
        double seconds = sum(after, family + "_sum", by, value) - sum(before, family + "_sum", by, value);
        TreeMap<Double, Double> buckets = buckets(after, family, by, value);
        buckets(before, family, by, value).forEach((le, n) -> buckets.merge(le, -n, Double::sum));
        return Optional.of(new TimerDelta(
                Math.round(count),
                seconds * 1000 / count,
                bound(buckets, count * 0.50) * 1000,
                bound(buckets, count * 0.99) * 1000));
    }

    /** The values of label {@code by} among the samples of {@code family}, in order of first appearance. */
    public static List<String> values(PrometheusSamples samples, String family, String by) {
        List<String> values = new ArrayList<>();
        for (PrometheusSamples.Sample s : samples.named(family + "_count")) {
            String value = s.labels().get(by);
            if (value != null && !values.contains(value)) {
                values.add(value);
            }
        }
        return values;
    }

    private static double sum(PrometheusSamples samples, String name, String by, String value) {
        return samples.named(name).stream()
                .filter(s -> value.equals(s.labels().get(by)))
                .mapToDouble(PrometheusSamples.Sample::value)
                .sum();
    }

    /** Cumulative counts by upper bound (seconds), summed over the matching samples. */
    private static TreeMap<Double, Double> buckets(PrometheusSamples samples, String family, String by, String value) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        for (PrometheusSamples.Sample s : samples.named(family + "_bucket")) {
            Map<String, String> labels = s.labels();
            String le = labels.get("le");
            if (value.equals(labels.get(by)) && le != null) {
                double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                buckets.merge(bound, s.value(), Double::sum);
            }
        }
        return buckets;
    }

    /** The smallest upper bound whose cumulative count reaches {@code rank}. */
    private static double bound(TreeMap<Double, Double> cumulative, double rank) {
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= rank) {
                return bucket.getKey();
            }
        }
        return Double.POSITIVE_INFINITY;
    }
}
