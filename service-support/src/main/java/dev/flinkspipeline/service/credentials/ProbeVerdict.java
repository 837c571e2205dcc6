package dev.flinkspipeline.service.credentials;

import dev.flinkspipeline.flinks.client.Credential;
import dev.flinkspipeline.flinks.client.FlinksResult;

/** What a probe found out about one of our credentials; {@code detail}: what Flinks answered, safe to log. */
public record ProbeVerdict(Verdict verdict, String detail) {

    public enum Verdict {
        ACCEPTED,
        REFUSED,
        /** No telling (Flinks busy or unreachable). */
        UNKNOWN
    }

    /** A RequestId that is never a session's: probing the x-api-key presents nothing of any login's. */
    public static final String NO_SESSION = "00000000-0000-0000-0000-000000000000";

    /**
     * The verdict on {@code credential} from the answer to its probe: GenerateAuthorizeToken for the secret key,
     * GetAccountsDetailAsync of {@link #NO_SESSION} for the x-api-key (any answer past the key check, such as
     * SESSION_NONEXISTENT, means the key was taken). Flinks or network problems are {@code UNKNOWN}.
     */
    public static ProbeVerdict of(Credential credential, FlinksResult<?> answer) {
        return switch (credential) {
            case SECRET_KEY -> ofSecretKey(answer);
            case API_KEY -> ofApiKey(answer);
        };
    }

    private static ProbeVerdict ofSecretKey(FlinksResult<?> result) {
        if (result instanceof FlinksResult.Failure<?> failure) {
            return new ProbeVerdict(
                    failure.suspectedCredential().isPresent() ? Verdict.REFUSED : Verdict.UNKNOWN, failure.message());
        }
        return result.isData()
                ? new ProbeVerdict(Verdict.ACCEPTED, "GenerateAuthorizeToken answered a token")
                : new ProbeVerdict(Verdict.UNKNOWN, "GenerateAuthorizeToken answered HTTP " + result.httpStatus());
    }

    private static ProbeVerdict ofApiKey(FlinksResult<?> result) {
        if (!(result instanceof FlinksResult.Failure<?> failure)) {
            return new ProbeVerdict(Verdict.ACCEPTED, "GetAccountsDetailAsync answered HTTP " + result.httpStatus());
        }
        Verdict verdict = failure.suspectedCredential().isPresent()
                ? Verdict.REFUSED
                : failure.isRetryLater() ? Verdict.UNKNOWN : Verdict.ACCEPTED;
        return new ProbeVerdict(verdict, failure.message());
    }
}
