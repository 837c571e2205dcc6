package dev.flinkspipeline.service.credentials;

import dev.flinkspipeline.flinks.client.Credential;
import dev.flinkspipeline.flinks.client.FlinksResult;
import dev.flinkspipeline.service.flinks.BudgetedFlinksCalls;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Probes our credentials with the cheapest calls that present them: GenerateAuthorizeToken for the secret
 * key (a token nobody uses expires on its own), and GetAccountsDetailAsync of a RequestId no session has for
 * the x-api-key (any answer past the key check, such as SESSION_NONEXISTENT, means the key was taken).
 */
public final class FlinksCredentialProbe implements CredentialProbe {

    /** A RequestId that is never a session's. */
    static final String NO_SESSION = "00000000-0000-0000-0000-000000000000";

    private final BudgetedFlinksCalls calls;

    /** @param calls calls whose results are not vetted themselves (a probe must not wait for a probe) */
    public FlinksCredentialProbe(BudgetedFlinksCalls calls) {
        this.calls = Objects.requireNonNull(calls, "calls");
    }

    @Override
    public CompletableFuture<ProbeVerdict> probe(Credential credential) {
        return switch (credential) {
            case SECRET_KEY -> calls.generateAuthorizeToken().thenApply(FlinksCredentialProbe::secretKey);
            case API_KEY -> calls.accountsDetailAsync(NO_SESSION).thenApply(FlinksCredentialProbe::apiKey);
        };
    }

    static ProbeVerdict secretKey(FlinksResult<?> result) {
        if (result instanceof FlinksResult.Failure<?> failure) {
            return failure.suspectedCredential().isPresent()
                    ? ProbeVerdict.refused(Credential.SECRET_KEY, failure.message())
                    : ProbeVerdict.unknown(Credential.SECRET_KEY, failure.message());
        }
        return result.isData()
                ? ProbeVerdict.accepted(Credential.SECRET_KEY, "GenerateAuthorizeToken answered a token")
                : ProbeVerdict.unknown(
                        Credential.SECRET_KEY, "GenerateAuthorizeToken answered HTTP " + result.httpStatus());
    }

    static ProbeVerdict apiKey(FlinksResult<?> result) {
        if (result instanceof FlinksResult.Failure<?> failure) {
            if (failure.suspectedCredential().isPresent()) {
                return ProbeVerdict.refused(Credential.API_KEY, failure.message());
            }
            if (failure.isRetryLater()) {
                return ProbeVerdict.unknown(Credential.API_KEY, failure.message());
            }
            return ProbeVerdict.accepted(Credential.API_KEY, failure.message());
        }
        return ProbeVerdict.accepted(Credential.API_KEY, "GetAccountsDetailAsync answered HTTP " + result.httpStatus());
    }
}
