package dev.flinkspipeline.tools.demo;

/**
 * How the demo drives its customers beyond their number.
 *
 * @param flinksImmediate the sandbox answers GetAccountsDetail at once ({@code behaviour.pendingPolls: 0} on every
 *                        demo login) instead of its usual 202 OPERATION_PENDING answers first
 * @param latency         print the latency percentiles after the summary table
 * @param rate            customers started per second (a steady arrival rate, as a latency target states it);
 *                        0 starts each as soon as the previous one's callback is answered
 * @param warmUp          customers driven first, the same way, and left out of every figure: a latency target on a
 *                        warm stack must not time the services' (and the driver's own) JIT compilation
 */
public record DemoOptions(boolean flinksImmediate, boolean latency, int rate, int warmUp) {

    /** The plain demo: the sandbox's configured pending polls, no latency section, no pacing, no warm-up. */
    public static final DemoOptions DEFAULT = new DemoOptions(false, false, 0, 0);

    public DemoOptions {
        if (rate < 0) {
            throw new IllegalArgumentException("--rate must be 0 or more customers a second, not " + rate);
        }
        if (warmUp < 0) {
            throw new IllegalArgumentException("--warm-up must be 0 or more customers, not " + warmUp);
        }
    }
}
