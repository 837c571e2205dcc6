package dev.flinkspipeline.tools.demo;

/**
 * How the demo drives its customers beyond their number.
 *
 * @param flinksImmediate the sandbox answers GetAccountsDetail at once ({@code behaviour.pendingPolls: 0} on every
 *                        demo login) instead of its usual 202 OPERATION_PENDING answers first
 * @param latency         print the latency percentiles after the summary table
 */
public record DemoOptions(boolean flinksImmediate, boolean latency) {

    /** The plain demo: the sandbox's configured pending polls, no latency section. */
    public static final DemoOptions DEFAULT = new DemoOptions(false, false);
}
