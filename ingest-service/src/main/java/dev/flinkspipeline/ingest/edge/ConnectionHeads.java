package dev.flinkspipeline.ingest.edge;

/**
 * One HTTP/1 connection's requests in progress, and whether its wait for the next request head is armed:
 * armed when the last answer in progress ended, disarmed when a request head is complete. A wait is
 * named by a generation, so a timer of a wait that was disarmed (or re-armed since) finds it stale.
 * Pure and thread-safe: answers may end on a worker thread while heads arrive on the event loop.
 */
final class ConnectionHeads {

    /** Not a generation: nothing to arm. */
    static final long NONE = 0;

    private int inProgress;
    private long armed = NONE;
    private long generation;

    /** A request's head is complete: the connection is no longer waiting for one. */
    synchronized void began() {
        inProgress++;
        armed = NONE;
    }

    /** A request's answer ended (or its connection closed); the generation of the wait to arm, or {@link #NONE}. */
    synchronized long ended() {
        inProgress = Math.max(0, inProgress - 1);
        if (inProgress > 0) {
            return NONE;
        }
        armed = ++generation;
        return armed;
    }

    /** The wait {@code generation} ran out: true when it is still armed (no head completed since), once. */
    synchronized boolean expired(long generation) {
        if (generation == NONE || armed != generation || inProgress > 0) {
            return false;
        }
        armed = NONE;
        return true;
    }
}
