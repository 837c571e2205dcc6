package dev.flinkspipeline.service.credentials;

import dev.flinkspipeline.flinks.client.Credential;
import dev.flinkspipeline.flinks.client.FlinksResult;

/** What a probe found out about one of our credentials; {@code detail}: what Flinks answered, safe to log. */
public record ProbeVerdict(Verdict verdict, String detail) {

    /** UNKNOWN: no telling (Flinks busy or unreachable). */
    public enum Verdict {
        ACCEPTED,
        REFUSED,
        UNKNOWN
    }

    /** A RequestId that is never a session's: probing the x-api-key presents nothing of any login's. */
    public static final String NO_SESSION = "00000000-0000-0000-0000-000000000000";

    /**
     * The verdict on {@code credential} from the answer to its probe: GenerateAuthorizeToken for the secret key (a
     * token: accepted), GetAccountsDetailAsync of {@link #NO_SESSION} for the x-api-key (any answer past the key
     * check, such as SESSION_NONEXISTENT, means the key was taken). Flinks or network problems are {@code UNKNOWN}.
     */
    public static ProbeVerdict of(Credential credential, FlinksResult<?> answer) {
        if (answer instanceof FlinksResult.Failure<?> failure) {
            Verdict verdict = failure.suspectedCredential().isPresent()
                    ? Verdict.REFUSED
                    : credential == Credential.SECRET_KEY || failure.isRetryLater()
                            ? Verdict.UNKNOWN
                            : Verdict.ACCEPTED;
            return new ProbeVerdict(verdict, failure.message());
        }
        return new ProbeVerdict(
                credential == Credential.API_KEY || answer.isData() ? Verdict.ACCEPTED : Verdict.UNKNOWN,
                "the probe got HTTP " + answer.httpStatus());
    }
}
