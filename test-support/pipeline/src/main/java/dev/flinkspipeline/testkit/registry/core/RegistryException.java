package dev.flinkspipeline.testkit.registry.core;

import java.util.List;

/**
 * A failure the client should see as a Confluent-style error body {@code {"error_code":N,"message":"..."}}.
 * The factories carry the error codes Confluent Schema Registry uses, so existing clients react the same way.
 */
public final class RegistryException extends RuntimeException {

    private final int httpStatus;
    private final int errorCode;

    public RegistryException(int httpStatus, int errorCode, String message) {
        this(httpStatus, errorCode, message, null);
    }

    public RegistryException(int httpStatus, int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int errorCode() {
        return errorCode;
    }

    public static RegistryException subjectNotFound(String subject) {
        return new RegistryException(404, 40401, "Subject '" + subject + "' not found.");
    }

    public static RegistryException versionNotFound(String subject, int version) {
        return new RegistryException(404, 40402, "Version " + version + " not found for subject '" + subject + "'.");
    }

    public static RegistryException schemaNotFound(int id) {
        return new RegistryException(404, 40403, "Schema " + id + " not found");
    }

    public static RegistryException schemaNotInSubject(String subject) {
        return new RegistryException(404, 40403, "Schema not found under subject '" + subject + "'");
    }

    public static RegistryException subjectConfigNotFound(String subject) {
        return new RegistryException(
                404, 40408, "Subject '" + subject + "' does not have subject-level compatibility configured");
    }

    public static RegistryException invalidSchema(String detail) {
        return new RegistryException(422, 42201, "Invalid schema: " + detail);
    }

    public static RegistryException invalidVersion(String version) {
        return new RegistryException(
                422,
                42202,
                "The specified version '" + version + "' is not a valid version id. "
                        + "Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    public static RegistryException invalidCompatibilityLevel(String level) {
        return new RegistryException(
                422,
                42203,
                "Invalid compatibility level '" + level + "'. Valid values are: "
                        + String.join(", ", CompatibilityLevel.names()));
    }

    public static RegistryException incompatible(String subject, List<String> messages) {
        return new RegistryException(
                409,
                409,
                "Schema being registered is incompatible with an earlier schema for subject \"" + subject
                        + "\", details: " + messages);
    }

    public static RegistryException badRequest(String message) {
        return new RegistryException(400, 400, message);
    }

    public static RegistryException storeError(String message, Throwable cause) {
        return new RegistryException(500, 50001, "Error in the backend data store: " + message, cause);
    }

    public static RegistryException storeTimeout(String message, Throwable cause) {
        return new RegistryException(500, 50002, "Operation timed out: " + message, cause);
    }
}
