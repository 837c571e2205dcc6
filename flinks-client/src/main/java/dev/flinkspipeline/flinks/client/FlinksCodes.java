package dev.flinkspipeline.flinks.client;

import static java.util.Map.entry;

import java.util.Locale;
import java.util.Map;

/**
 * The FlinksCodes (flinks-api.md 3.5) and their classification. The same code appears with different HTTP
 * statuses across Flinks' documents, so the code decides; the status only decides for unknown codes and
 * answers without one.
 */
public final class FlinksCodes {

    public static final String OPERATION_PENDING = "OPERATION_PENDING";
    public static final String OPERATION_DISPATCHED = "OPERATION_DISPATCHED";
    public static final String SESSION_NONEXISTENT = "SESSION_NONEXISTENT";
    public static final String SESSION_EXPIRED = "SESSION_EXPIRED";
    public static final String CARD_IN_USE = "CARD_IN_USE";
    public static final String INVALID_REQUEST = "INVALID_REQUEST";
    public static final String ACCESS_DENIED = "ACCESS_DENIED";
    public static final String INVALID_LOGIN = "INVALID_LOGIN";
    public static final String INVALID_USERNAME = "INVALID_USERNAME";
    public static final String INVALID_PASSWORD = "INVALID_PASSWORD";
    public static final String INVALID_SECURITY_RESPONSE = "INVALID_SECURITY_RESPONSE";
    public static final String INVALID_SECURITY_RESPONSE_NO_RETRY = "INVALID_SECURITY_RESPONSE_NO_RETRY";
    public static final String QUESTION_NOT_FOUND = "QUESTION_NOT_FOUND";
    public static final String UNKNOWN_CHALLENGE_KEY = "UNKNOWN_CHALLENGE_KEY";
    public static final String SECURITYRESPONSES_INCOMPLETE = "SECURITYRESPONSES_INCOMPLETE";
    public static final String RETRY_LATER = "RETRY_LATER";
    public static final String TOO_MANY_REQUESTS = "TOO_MANY_REQUESTS";
    public static final String UNAUTHORIZED = "UNAUTHORIZED";
    public static final String NEW_ACCOUNT = "NEW_ACCOUNT";
    public static final String DISABLED_LOGIN = "DISABLED_LOGIN";
    public static final String DISABLED_INSTITUTION = "DISABLED_INSTITUTION";
    public static final String AGGREGATION_ERROR = "AGGREGATION_ERROR";
    public static final String CONCURRENT_SESSION = "CONCURRENT_SESSION";
    public static final String ALREADY_AUTHORIZED = "ALREADY_AUTHORIZED";
    public static final String NO_TRANSACTION = "NO_TRANSACTION";
    public static final String METHOD_NOT_AVAILABLE = "METHOD_NOT_AVAILABLE";

    private static final Map<String, FailureClass> KNOWN = Map.ofEntries(
            // Transient: Flinks or the bank is busy; the same call can succeed later.
            entry(RETRY_LATER, FailureClass.RETRY_LATER),
            entry(TOO_MANY_REQUESTS, FailureClass.RETRY_LATER),
            entry(AGGREGATION_ERROR, FailureClass.RETRY_LATER),
            entry(OPERATION_PENDING, FailureClass.RETRY_LATER),
            entry(OPERATION_DISPATCHED, FailureClass.RETRY_LATER),
            entry(CONCURRENT_SESSION, FailureClass.RETRY_LATER),
            entry(CARD_IN_USE, FailureClass.RETRY_LATER),
            // The RequestId session is unknown, expired or already used: open a new one.
            entry(SESSION_NONEXISTENT, FailureClass.REAUTHORIZE),
            entry(SESSION_EXPIRED, FailureClass.REAUTHORIZE),
            entry(ALREADY_AUTHORIZED, FailureClass.REAUTHORIZE),
            // Retrying the same thing cannot help.
            entry(INVALID_LOGIN, FailureClass.TERMINAL),
            entry(DISABLED_LOGIN, FailureClass.TERMINAL),
            entry(UNAUTHORIZED, FailureClass.TERMINAL),
            entry(NEW_ACCOUNT, FailureClass.TERMINAL),
            entry(INVALID_REQUEST, FailureClass.TERMINAL),
            entry(ACCESS_DENIED, FailureClass.TERMINAL),
            entry(INVALID_USERNAME, FailureClass.TERMINAL),
            entry(INVALID_PASSWORD, FailureClass.TERMINAL),
            entry(INVALID_SECURITY_RESPONSE, FailureClass.TERMINAL),
            entry(INVALID_SECURITY_RESPONSE_NO_RETRY, FailureClass.TERMINAL),
            entry(QUESTION_NOT_FOUND, FailureClass.TERMINAL),
            entry(UNKNOWN_CHALLENGE_KEY, FailureClass.TERMINAL),
            entry(SECURITYRESPONSES_INCOMPLETE, FailureClass.TERMINAL),
            entry(DISABLED_INSTITUTION, FailureClass.TERMINAL),
            entry(NO_TRANSACTION, FailureClass.TERMINAL),
            entry(METHOD_NOT_AVAILABLE, FailureClass.TERMINAL));

    private FlinksCodes() {}

    /** Whether this client knows the code (unknown codes are classified by HTTP status). */
    public static boolean isKnown(String flinksCode) {
        return flinksCode != null && KNOWN.containsKey(normalize(flinksCode));
    }

    /**
     * Classifies an answer: by FlinksCode when it is a known one, otherwise by HTTP status (5xx, 429,
     * 408 and unexpected 2xx: retry later; anything else: terminal). Status 0 means no HTTP answer at all.
     */
    public static FailureClass classify(String flinksCode, int httpStatus) {
        if (flinksCode != null) {
            FailureClass known = KNOWN.get(normalize(flinksCode));
            if (known != null) {
                return known;
            }
        }
        return classifyStatus(httpStatus);
    }

    /** Classification by HTTP status alone (answers without a known FlinksCode). */
    public static FailureClass classifyStatus(int httpStatus) {
        if (httpStatus == 0
                || httpStatus >= 500
                || httpStatus == 429
                || httpStatus == 408
                || (httpStatus >= 200 && httpStatus < 300)) {
            return FailureClass.RETRY_LATER;
        }
        return FailureClass.TERMINAL;
    }

    /** Upper-cases and trims a code, since Flinks' casing is not guaranteed. */
    public static String normalize(String flinksCode) {
        return flinksCode == null ? null : flinksCode.trim().toUpperCase(Locale.ROOT);
    }
}
