package dev.flinkspipeline.flinks.client;

/**
 * Observes every call from its start to its result, e.g. a tracing span around it. The client stays free of
 * any tracing library: a service plugs one in with {@code FlinksClientConfig.Builder#callObserver}.
 *
 * <p>{@link #started} runs on the thread that makes the call (the caller's trace context is current there);
 * {@link Call#completed} runs on a client thread, and is handed the completion of the call's future so that
 * an observer can complete it within the caller's context: the caller's next steps, chained on that
 * future, then continue the caller's trace. Keep both fast and non-blocking.
 */
@FunctionalInterface
public interface FlinksCallObserver {

    /**
     * A call starts.
     *
     * @param operation the call
     * @param endpoint  Flinks' name of the endpoint (an Attributes package names its own)
     * @param loginId   the login, or null when the call has none
     * @param requestId the Flinks session, or null when the call has none
     */
    Call started(FlinksOperation operation, String endpoint, String loginId, String requestId);

    /** One observed call. */
    @FunctionalInterface
    interface Call {
        /** The call ended with {@code result}; {@code completion} completes its future and must be run once. */
        void completed(FlinksResult<?> result, Runnable completion);
    }

    /** Observes nothing. */
    FlinksCallObserver NONE = (operation, endpoint, loginId, requestId) -> (result, completion) -> completion.run();
}
