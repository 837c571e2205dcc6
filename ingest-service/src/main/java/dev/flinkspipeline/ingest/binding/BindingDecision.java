package dev.flinkspipeline.ingest.binding;

import dev.flinkspipeline.ingest.InvalidInputException;

/** What the log of claims says about one claim. */
public enum BindingDecision {
    /** The session is bound to this login (by this claim or an earlier identical one): go on. */
    BOUND(null, null),
    /** An earlier claim bound the session to another login: the tag was already used. */
    OTHER_LOGIN("tag-already-used", "The Connect session of this tag is already bound to another login."),
    /**
     * The session is bound to this login, but its LoginReceived was stored with other content: the same
     * eventId would name two different records.
     */
    OTHER_CONTENT(
            "event-conflict",
            "This login was already recorded for this Connect session with another institution or other accounts.");

    private final String code;
    private final String detail;

    BindingDecision(String code, String detail) {
        this.code = code;
        this.detail = detail;
    }

    public boolean bound() {
        return this == BOUND;
    }

    /** The 409 problem of a refusal. */
    public InvalidInputException refusal() {
        if (bound()) {
            throw new IllegalStateException("a bound claim is not refused");
        }
        return new InvalidInputException(409, code, "Connect session already used", detail);
    }
}
