package dev.flinkspipeline.flinks.sandbox.api;

import java.util.Locale;

/** FlinksCodes of flinks-api.md 3.5 with the HTTP status the sandbox answers them with and a default message. */
public enum FlinksCode {
    OPERATION_PENDING(202, "Your operation is still processing"),
    OPERATION_DISPATCHED(202, "Your operation has been dispatched and is still processing"),
    SESSION_NONEXISTENT(400, "RequestId %s is invalid or session has ended"),
    SESSION_EXPIRED(400, "RequestId %s has expired"),
    CARD_IN_USE(400, "The card is being processed"),
    INVALID_REQUEST(400, "The request is invalid"),
    ACCESS_DENIED(401, "Access denied"),
    INVALID_LOGIN(401, "The LoginId is invalid"),
    INVALID_USERNAME(401, "The username is invalid"),
    INVALID_PASSWORD(401, "The password is invalid"),
    INVALID_SECURITY_RESPONSE(401, "The security response is invalid"),
    INVALID_SECURITY_RESPONSE_NO_RETRY(401, "The security response is invalid"),
    QUESTION_NOT_FOUND(401, "No answer found for the security question"),
    UNKNOWN_CHALLENGE_KEY(401, "The security response does not match any challenge"),
    SECURITYRESPONSES_INCOMPLETE(401, "Not every security challenge was answered"),
    RETRY_LATER(401, "The institution could not be reached, retry later"),
    TOO_MANY_REQUESTS(401, "Too many requests"),
    UNAUTHORIZED(401, "You must provide a valid auth key"),
    NEW_ACCOUNT(401, "The user must take action at the institution"),
    DISABLED_LOGIN(401, "The login has been disabled by the institution"),
    DISABLED_INSTITUTION(405, "The institution is currently unavailable"),
    AGGREGATION_ERROR(500, "An unexpected error occurred"),
    CONCURRENT_SESSION(400, "Another session is already open for this LoginId"),
    ALREADY_AUTHORIZED(400, "This session is already authorized"),
    NO_TRANSACTION(400, "No transaction found"),
    METHOD_NOT_AVAILABLE(405, "This method is not available");

    private final int httpStatus;
    private final String message;

    FlinksCode(int httpStatus, String message) {
        this.httpStatus = httpStatus;
        this.message = message;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String message() {
        return message;
    }

    public static FlinksCode parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Unknown FlinksCode: " + value);
        }
    }
}
