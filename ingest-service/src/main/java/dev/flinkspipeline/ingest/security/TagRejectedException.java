package dev.flinkspipeline.ingest.security;

/** A Connect tag that does not verify; the message never contains the tag or its user reference. */
public final class TagRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a tag was refused. */
    public enum Reason {
        MISSING("missing-tag"),
        MALFORMED("malformed-tag"),
        BAD_SIGNATURE("forged-tag"),
        EXPIRED("expired-tag");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        /** Short stable code for metrics, problem types and failure redirects. */
        public String code() {
            return code;
        }
    }

    private final Reason reason;

    public TagRejectedException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
