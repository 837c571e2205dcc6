package dev.flinkspipeline.ingest.connect;

import dev.flinkspipeline.events.FailureStage;
import dev.flinkspipeline.events.PipelineFailed;
import dev.flinkspipeline.flinks.client.model.Guids;
import dev.flinkspipeline.ingest.InvalidInputException;
import dev.flinkspipeline.schemas.EventIds;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which relayed Connect events end a session for good, and the {@code PipelineFailed(CONNECT)} they
 * become.
 *
 * <p>Terminal: {@link ConnectSteps#ABANDONED} or {@code COMPONENT_CLOSE_SESSION} (the customer left), and
 * the codes after which Connect cannot succeed in this session, as a step or as the error form's
 * {@code flinksCode}: the bank disabled the login or wants the customer to act first, the retry limit,
 * a dead session or token. Codes the customer can retry past ({@code INVALID_PASSWORD},
 * {@code INVALID_SECURITY_RESPONSE}, {@code RETRY_LATER}, ...) are only counted; when the customer then
 * gives up, the application relays {@code ABANDONED} with that last {@code flinksCode}.
 */
public final class ConnectFailures {

    /** The reason of a session the customer left. */
    public static final String ABANDONED = ConnectSteps.ABANDONED;

    public static final String PIPELINE_FAILED = "PipelineFailed";

    static final Set<String> ABANDONMENT = Set.of(ConnectSteps.ABANDONED, "COMPONENT_CLOSE_SESSION");
    static final Set<String> TERMINAL_CODES = Set.of(
            "DISABLED_LOGIN",
            "NEW_ACCOUNT",
            "MAXIMUM_RETRY_REACHED",
            "INVALID_SECURITY_RESPONSE_NO_RETRY",
            "SESSION_EXPIRED",
            "SESSION_NONEXISTENT",
            "TOKEN_INVALID");

    private static final Pattern FLINKS_CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private ConnectFailures() {}

    /**
     * The failure {@code event} reports, or empty when it is not terminal.
     *
     * @throws InvalidInputException (400 {@code invalid-event}) for a terminal event whose flinksCode is not
     *         of the form of one
     */
    public static Optional<ConnectFailure> terminal(ConnectEvent event) {
        if (ABANDONMENT.contains(event.step())) {
            return Optional.of(new ConnectFailure(ABANDONED, flinksCode(event.flinksCode())));
        }
        if (TERMINAL_CODES.contains(event.step())) {
            return Optional.of(new ConnectFailure(event.step(), event.step()));
        }
        if (ConnectSteps.API_ERROR.equals(event.step()) && event.flinksCode() != null) {
            String code = event.flinksCode().toUpperCase(Locale.ROOT);
            if (TERMINAL_CODES.contains(code)) {
                return Optional.of(new ConnectFailure(code, code));
            }
        }
        return Optional.empty();
    }

    /**
     * The record key of the failure: the event's loginId when it carries one (a Flinks GUID), else the
     * session's {@code connect-session:<nonce>}, as Connect fails before it issues a loginId.
     *
     * @throws InvalidInputException 400 {@code invalid-login-id}; 422 {@code missing-login-id} when there is
     *         neither a loginId nor a signed session to key the failure by (tag signing off)
     */
    public static String key(String loginId, ConnectSession session) {
        if (loginId != null) {
            if (!Guids.isGuid(loginId.trim())) {
                throw InvalidInputException.badRequest(
                        "invalid-login-id",
                        "loginId is not a GUID",
                        "The event's loginId must be a GUID (8-4-4-4-12 hexadecimal digits).");
            }
            return Guids.normalize(loginId.trim());
        }
        if (session.key() == null) {
            throw InvalidInputException.unprocessable(
                    "missing-login-id",
                    "no login to report the failure on",
                    "With tag signing off a Connect failure must carry the loginId it happened to.");
        }
        return session.key();
    }

    /**
     * The eventId names the session (its key and tag), not the step: the same failure relayed again, and
     * any later terminal event of the same session, carry one id, so a session has one failure for
     * consumers that deduplicate. Without signed tags it is one id per loginId (like LoginReceived).
     */
    public static PipelineFailed pipelineFailed(
            String key, ConnectEvent event, ConnectFailure failure, ConnectSession session, Instant failedAt) {
        String requestId = event.requestId() != null
                        && REQUEST_ID.matcher(event.requestId()).matches()
                ? event.requestId()
                : null;
        return PipelineFailed.newBuilder()
                .setEventId(EventIds.forEvent(
                                key,
                                null,
                                PIPELINE_FAILED,
                                FailureStage.CONNECT.name() + '|' + (session.tag() == null ? "-" : session.tag()))
                        .toString())
                .setLoginId(key)
                .setRequestId(requestId)
                .setStage(FailureStage.CONNECT)
                .setReason(failure.reason())
                .setFlinksCode(failure.flinksCode())
                .setHttpStatus(null)
                .setMessage(message(failure))
                .setAttempts(1)
                .setFlow(session.flow().name())
                .setFailedAt(failedAt)
                .build();
    }

    private static String message(ConnectFailure failure) {
        if (!ABANDONED.equals(failure.reason())) {
            return "Connect ended with " + failure.flinksCode() + ".";
        }
        return "The customer left Connect without connecting"
                + (failure.flinksCode() == null ? "." : " after " + failure.flinksCode() + ".");
    }

    private static String flinksCode(String code) {
        if (code == null) {
            return null;
        }
        String upper = code.toUpperCase(Locale.ROOT);
        if (!FLINKS_CODE.matcher(upper).matches()) {
            throw InvalidInputException.badRequest(
                    "invalid-event",
                    "flinksCode is invalid",
                    "The flinksCode must be a FlinksCode (capital letters, digits and underscores).");
        }
        return upper;
    }
}
