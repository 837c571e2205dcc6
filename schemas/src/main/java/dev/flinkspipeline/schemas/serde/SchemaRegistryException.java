package dev.flinkspipeline.schemas.serde;

/**
 * A schema registry answered with an error, or could not be reached. Carries Confluent's error code
 * (e.g. 40403 schema not found, 409 incompatible) so callers can tell the cases apart.
 */
public class SchemaRegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Confluent error codes this client reacts to. */
    public static final int SUBJECT_NOT_FOUND = 40401;

    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int INCOMPATIBLE_SCHEMA = 409;
    public static final int INVALID_SCHEMA = 42201;

    private final int httpStatus;
    private final int errorCode;
    private final String url;

    public SchemaRegistryException(int httpStatus, int errorCode, String url, String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.url = url;
    }

    /** HTTP status of the registry's answer; 0 when there was no answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Confluent {@code error_code} of the answer; -1 when the answer had none. */
    public int errorCode() {
        return errorCode;
    }

    /** The registry URL (without credentials) that gave this answer, or the URLs that were tried. */
    public String url() {
        return url;
    }

    public boolean isNotFound() {
        return httpStatus == 404;
    }

    public boolean isIncompatible() {
        return httpStatus == 409 || errorCode == INCOMPATIBLE_SCHEMA;
    }

    /** No registry URL answered: connection refused, unknown host, timeout. */
    public static final class Unreachable extends SchemaRegistryException {
        private static final long serialVersionUID = 1L;

        public Unreachable(String urls, String message, Throwable cause) {
            super(0, -1, urls, message, cause);
        }
    }
}
