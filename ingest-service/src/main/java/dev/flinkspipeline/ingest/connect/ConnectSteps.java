package dev.flinkspipeline.ingest.connect;

import java.util.Locale;
import java.util.Set;

/**
 * The Connect event steps known from Flinks' documentation (flinks-api.md 8.3), and {@link #ABANDONED}.
 * Metrics are labelled by step; anything else is counted as {@link #OTHER} so a hostile front end cannot
 * create unbounded label values.
 */
public final class ConnectSteps {

    public static final String REDIRECT = "REDIRECT";
    /**
     * Not a Flinks step: the application relays it when the customer leaves Connect without connecting
     * (closed the widget or the page), optionally with the last {@code flinksCode} the customer saw.
     */
    public static final String ABANDONED = "ABANDONED";
    /** The error form of an event: {@code {requestId, flinksCode, institution}} without a step. */
    public static final String API_ERROR = "API_ERROR";

    public static final String OTHER = "OTHER";

    static final Set<String> KNOWN = Set.of(
            "APP_MOUNTED",
            "APP_ONLINE",
            "APP_OFFLINE",
            "APP_RESIZE",
            "COMPONENT_LOAD_CONSENT",
            "COMPONENT_ACCEPT_CONSENT",
            "COMPONENT_DENY_CONSENT",
            "COMPONENT_ACCEPT_PROVIDER_CONSENT",
            "COMPONENT_ACCEPT_TERMS",
            "COMPONENT_DENY_TERMS",
            "COMPONENT_CLICK_TERMS_URL",
            "COMPONENT_LOAD_INSTITUTION_SELECTOR",
            "INSTITUTION_SELECTED",
            "COMPONENT_LOAD_CREDENTIAL",
            "COMPONENT_LOAD_CREDENTIAL_RETRY",
            "SUBMIT_CREDENTIAL",
            "COMPONENT_CLICK_RESET_PASSWORD",
            "COMPONENT_LOAD_MFA",
            "COMPONENT_LOAD_MFA_RETRY",
            "SUBMIT_MFA",
            "COMPONENT_HELP2FA_INFO",
            "COMPONENT_HELP2FA_TROUBLESHOOTING",
            "ENHANCED_MFA_HAS_QUESTIONS",
            "ENHANCED_MFA_NO_QUESTIONS",
            "ENHANCED_MFA_SUCCESS",
            "SKIP_ENHANCED_MFA_QUESTIONS",
            "SUBMIT_ANSWER_MFA_QUESTIONS",
            "SUBMIT_GET_MFA_QUESTIONS",
            "COMPONENT_LOAD_ACCOUNT_SELECTION",
            "ACCOUNT_SELECTED",
            "COMPONENT_CLOSE_SESSION",
            "POPUP_OPENED",
            "POPUP_BLOCKED",
            "DISABLED_INSTITUTION",
            "MAXIMUM_RETRY_REACHED",
            "RETRY_COUNT",
            "SESSION_NONEXISTENT",
            "SESSION_EXPIRED",
            "TOKEN_INVALID",
            "INVALID_USERNAME",
            "INVALID_PASSWORD",
            "INVALID_LOGIN",
            "INVALID_SECURITY_RESPONSE",
            "RETRY_LATER",
            "UNAUTHORIZED",
            "NEW_ACCOUNT",
            "AGGREGATION_ERROR",
            "DISABLED_LOGIN",
            "QUESTION_NOT_FOUND",
            "INVALID_SECURITY_RESPONSE_NO_RETRY",
            REDIRECT,
            API_ERROR,
            ABANDONED);

    private ConnectSteps() {}

    /** The metric label of a step: itself when known, {@link #OTHER} otherwise. */
    public static String label(String step) {
        if (step == null) {
            return OTHER;
        }
        String upper = step.toUpperCase(Locale.ROOT);
        return KNOWN.contains(upper) ? upper : OTHER;
    }
}
