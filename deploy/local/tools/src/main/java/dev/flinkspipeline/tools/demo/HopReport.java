package dev.flinkspipeline.tools.demo;

import dev.flinkspipeline.events.AttributesReady;
import dev.flinkspipeline.events.LoginReceived;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the end-to-end milliseconds go, hop by hop, from times the events carry: the Connect callback sent (the
 * driver), each event's own business time ({@code LoginReceived.receivedAt}: ingest got the callback;
 * {@code AccountsReady.receivedAt}: Flinks' data arrived; {@code AttributesReady.computedAt}: the Attributes answer
 * arrived), each record's timestamp (the producer's send, inside the poller's and attributes' transactions) and
 * when the watcher ({@code read_committed}) saw it. Every process runs on this machine, so one wall clock.
 *
 * <p>The chain rows add up to the end-to-end figure for a standard-flow customer; the row marked "beside" runs in
 * parallel with the chain (the poller reads LoginReceived while the watcher does). In the webhook flow, the
 * sandbox pushes AccountsReady's data through ingest on its own schedule, so the rows before AccountsReady
 * tell how the webhooks raced the redirect (negative: the data came first).
 */
final class HopReport {

    /** One customer's instants, in epoch milliseconds; empty where the event was not seen. */
    record Points(
            Optional<Double> callbackSent,
            Optional<Double> loginReceived,
            Optional<Double> loginSent,
            Optional<Double> loginVisible,
            Optional<Double> accountsReceived,
            Optional<Double> accountsSent,
            Optional<Double> accountsVisible,
            Optional<Double> attributesComputed,
            Optional<Double> attributesSent,
            Optional<Double> attributesVisible) {

        static Points of(DemoCustomer c) {
            Optional<CustomerTrace.Seen> login = c.trace().firstSeen(LoginReceived.class);
            Optional<CustomerTrace.Seen> accounts = c.accountsSeen();
            Optional<CustomerTrace.Seen> attributes = c.trace().firstSeen(AttributesReady.class);
            return new Points(
                    c.callbackSentEpochMillis(),
                    login.map(s -> millis(((LoginReceived) s.event()).getReceivedAt())),
                    login.map(s -> (double) s.timestamp()),
                    login.map(CustomerTrace.Seen::seenEpochMillis),
                    c.accounts().map(a -> millis(a.getReceivedAt())),
                    accounts.map(s -> (double) s.timestamp()),
                    accounts.map(CustomerTrace.Seen::seenEpochMillis),
                    attributes.map(s -> millis(((AttributesReady) s.event()).getComputedAt())),
                    attributes.map(s -> (double) s.timestamp()),
                    attributes.map(CustomerTrace.Seen::seenEpochMillis));
        }

        private static double millis(Instant instant) {
            return instant.toEpochMilli();
        }
    }

    /** A hop: its label, from which instant to which, and whether it is a link of the standard flow's chain. */
    record Hop(
            String label,
            Function<Points, Optional<Double>> from,
            Function<Points, Optional<Double>> to,
            boolean chain) {

        Hop(String label, Function<Points, Optional<Double>> from, Function<Points, Optional<Double>> to) {
            this(label, from, to, true);
        }

        Optional<Double> millis(Points p) {
            return from.apply(p).flatMap(f -> to.apply(p).map(t -> t - f));
        }
    }

    static final List<Hop> HOPS = List.of(
            new Hop("callback sent -> ingest got it (HTTP)", Points::callbackSent, Points::loginReceived),
            new Hop("ingest got it -> LoginReceived sent", Points::loginReceived, Points::loginSent),
            new Hop(
                    "  beside: LoginReceived sent -> visible (acks=all)",
                    Points::loginSent,
                    Points::loginVisible,
                    false),
            new Hop("LoginReceived sent -> Flinks data in (poller)", Points::loginSent, Points::accountsReceived),
            new Hop("Flinks data in -> AccountsReady sent", Points::accountsReceived, Points::accountsSent),
            new Hop("AccountsReady sent -> visible (commit)", Points::accountsSent, Points::accountsVisible),
            new Hop(
                    "AccountsReady visible -> Attributes answer in",
                    Points::accountsVisible,
                    Points::attributesComputed),
            new Hop("Attributes answer in -> AttributesReady sent", Points::attributesComputed, Points::attributesSent),
            new Hop("AttributesReady sent -> visible (commit)", Points::attributesSent, Points::attributesVisible),
            new Hop(
                    "total: callback sent -> AttributesReady visible",
                    Points::callbackSent,
                    Points::attributesVisible,
                    false));

    private HopReport() {}

    static void print(List<DemoCustomer> customers, PrintStream out) {
        out.printf("%n  Hop by hop (event times, record timestamps and the watcher's clock; epoch ms):%n");
        out.printf(LatencyReport.FORMAT, "hop", "flow", "n", "min ms", "p50 ms", "p99 ms", "max ms");
        for (Hop hop : HOPS) {
            LatencyReport.row(out, hop.label(), customers, c -> hop.millis(Points.of(c)));
        }
        List<DemoCustomer> standard =
                customers.stream().filter(c -> c.flow() == Flow.STANDARD).toList();
        out.printf(
                "  floor estimate, standard flow: the chain's least values added up = %.1f ms (each hop once without"
                        + " queueing)%n",
                floor(standard.stream().map(Points::of).toList()));
    }

    /**
     * The sum over the chain's hops of each hop's least value among the customers' points; a negative least value
     * (the watcher read an event later than the next service did) counts as zero.
     */
    static double floor(List<Points> customers) {
        double sum = 0;
        for (Hop hop : HOPS) {
            if (hop.chain()) {
                sum += Math.max(
                        0,
                        customers.stream()
                                .map(hop::millis)
                                .flatMap(Optional::stream)
                                .mapToDouble(Double::doubleValue)
                                .min()
                                .orElse(0));
            }
        }
        return sum;
    }
}
