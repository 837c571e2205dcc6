package dev.flinkspipeline.flinks.client;

import dev.flinkspipeline.flinks.client.model.SecurityChallenge;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The outcome of one Flinks call. Exactly one of:
 * <ul>
 *   <li>{@link Data}: the answer was parsed ({@code 200});</li>
 *   <li>{@link Pending}: Flinks is still working ({@code 202 OPERATION_PENDING/OPERATION_DISPATCHED}):
 *       poll the Async endpoint later;</li>
 *   <li>{@link MfaChallenge}: {@code /Authorize} asks security questions ({@code 203});</li>
 *   <li>{@link Failure}: anything else, classified ({@link FailureClass}) with its origin ({@link FailureKind}).</li>
 * </ul>
 * The client's futures always complete normally with one of these for server and transport problems.
 *
 * @param <T> the parsed body type of {@link Data}
 */
public sealed interface FlinksResult<T>
        permits FlinksResult.Data, FlinksResult.Pending, FlinksResult.MfaChallenge, FlinksResult.Failure {

    /** The HTTP status of the answer; 0 when there was none (transport failure, timeout). */
    int httpStatus();

    default boolean isData() {
        return this instanceof Data;
    }

    /** The parsed body, or null for any other result. */
    default T dataOrNull() {
        return this instanceof Data<T> data ? data.body() : null;
    }

    /**
     * Chains the next call on data; any other result is passed on unchanged (retyped), so a flow reads
     * {@code flinks.generateAuthorizeToken().thenCompose(r -> r.thenCall(token -> flinks.authorize(...)))}.
     */
    @SuppressWarnings("unchecked")
    default <R> CompletableFuture<FlinksResult<R>> thenCall(
            Function<? super T, CompletableFuture<FlinksResult<R>>> next) {
        if (this instanceof Data<T> data) {
            return next.apply(data.body());
        }
        return CompletableFuture.completedFuture((FlinksResult<R>) this);
    }

    /**
     * A parsed {@code 200}.
     *
     * @param rawBody the exact bytes received (for example to forward a GetAccountsDetail payload
     *                unchanged); shared, do not modify
     */
    record Data<T>(T body, int httpStatus, byte[] rawBody) implements FlinksResult<T> {
        public Data {
            Objects.requireNonNull(body, "body");
            rawBody = rawBody == null ? new byte[0] : rawBody;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Data<?> other && body.equals(other.body) && httpStatus == other.httpStatus;
        }

        @Override
        public int hashCode() {
            return Objects.hash(body, httpStatus);
        }

        @Override
        public String toString() {
            return "Data[" + body + ", httpStatus=" + httpStatus + ", " + rawBody.length + " bytes]";
        }
    }

    /**
     * A {@code 202}: the work goes on in the background; poll (GetAccountsDetailAsync, or the same
     * Attributes call) after about 10 s.
     *
     * @param flinksCode usually {@code OPERATION_PENDING} or {@code OPERATION_DISPATCHED}
     * @param requestId  the RequestId to poll with (from the answer, else the one sent)
     */
    record Pending<T>(String flinksCode, String requestId, String message) implements FlinksResult<T> {
        @Override
        public int httpStatus() {
            return 202;
        }

        /** The same pending state, typed for another call. */
        @SuppressWarnings("unchecked")
        public <R> Pending<R> retype() {
            return (Pending<R>) this;
        }
    }

    /**
     * A {@code 203} from {@code /Authorize}: answer the challenges with another {@code /Authorize} carrying
     * {@link #requestId()}, {@code SecurityResponses} keyed by each prompt, and the same authorize token.
     */
    record MfaChallenge<T>(String requestId, List<SecurityChallenge> challenges, String institution)
            implements FlinksResult<T> {
        public MfaChallenge {
            challenges = challenges == null ? List.of() : List.copyOf(challenges);
        }

        @Override
        public int httpStatus() {
            return 203;
        }

        @SuppressWarnings("unchecked")
        public <R> MfaChallenge<R> retype() {
            return (MfaChallenge<R>) this;
        }
    }

    /**
     * A classified failure. Never contains a secret key, x-api-key or token.
     *
     * @param operation    the call that failed
     * @param failureClass what to do about it
     * @param kind         where it came from
     * @param flinksCode   the FlinksCode, or null when the answer had none
     * @param httpStatus   the HTTP status, or 0 when no answer arrived
     * @param message      a human-readable explanation (safe to log: no secrets, no personal data)
     * @param requestId    the RequestId involved, when known
     * @param retryAfter   the server's {@code Retry-After}, when it sent one (else null)
     */
    record Failure<T>(
            FlinksOperation operation,
            FailureClass failureClass,
            FailureKind kind,
            String flinksCode,
            int httpStatus,
            String message,
            String requestId,
            Duration retryAfter)
            implements FlinksResult<T> {
        public Failure {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(failureClass, "failureClass");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }

        public boolean isRetryLater() {
            return failureClass == FailureClass.RETRY_LATER;
        }

        public boolean isReauthorize() {
            return failureClass == FailureClass.REAUTHORIZE;
        }

        public boolean isTerminal() {
            return failureClass == FailureClass.TERMINAL;
        }

        /** The credential of ours this failure casts doubt on, if any (see {@link CredentialFaults}). */
        public Optional<Credential> suspectedCredential() {
            return CredentialFaults.suspect(operation, kind, flinksCode, httpStatus);
        }

        /** The same failure with another class and message (e.g. once a suspicion was checked). */
        public Failure<T> reclassified(FailureClass newClass, String newMessage) {
            return new Failure<>(operation, newClass, kind, flinksCode, httpStatus, newMessage, requestId, retryAfter);
        }

        /** The same failure, typed for another call (e.g. a token failure reported as an authorize step). */
        @SuppressWarnings("unchecked")
        public <R> Failure<R> retype() {
            return (Failure<R>) this;
        }
    }
}
