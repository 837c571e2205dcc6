package dev.flinkspipeline.flinks.client;

/** What a caller should do about a {@link FlinksResult.Failure}. */
public enum FailureClass {
    /** Transient: try the same call again later, with backoff (within the caller's time budget). */
    RETRY_LATER,
    /** The RequestId session is gone: generate a new token and {@code /Authorize} again, then repeat. */
    REAUTHORIZE,
    /** Retrying cannot help (bad credentials, disabled login, invalid request, ...): report it. */
    TERMINAL,
    /**
     * Flinks refuses our own credentials, confirmed by a probe of the caller's (never set by the client,
     * which can only suspect it: {@link FlinksResult.Failure#suspectedCredential()}). Not the login's fault:
     * run the step again once the credentials work, without counting it against the login.
     */
    CREDENTIALS
}
