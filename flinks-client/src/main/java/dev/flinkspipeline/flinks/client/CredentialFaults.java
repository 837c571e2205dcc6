package dev.flinkspipeline.flinks.client;

import java.util.Optional;

/**
 * Which failures look like Flinks refusing one of our own credentials rather than something about a login.
 * A suspicion only: Flinks also answers {@code UNAUTHORIZED} for a login's own problem (a data call on a
 * session still waiting for MFA, a one-time token presented twice), so a caller confirms it with a call of
 * its own (e.g. GenerateAuthorizeToken) before treating it as a credential fault.
 *
 * <ul>
 *   <li>401 or 403 without a FlinksCode, on any endpoint: a rotated key or a gateway's refusal page (Flinks
 *       itself names a login's problem with a code);</li>
 *   <li>{@code UNAUTHORIZED} on GenerateAuthorizeToken (the secret key) or on an endpoint presenting our
 *       x-api-key. Not on Authorize: there it is about the one-time token of that login's session.</li>
 * </ul>
 */
public final class CredentialFaults {

    private CredentialFaults() {}

    /** The credential a failure of {@code operation} casts doubt on, if any. */
    public static Optional<Credential> suspect(
            FlinksOperation operation, FailureKind kind, String flinksCode, int httpStatus) {
        if (flinksCode == null) {
            return kind == FailureKind.HTTP_ERROR && (httpStatus == 401 || httpStatus == 403)
                    ? Optional.of(operation.credential())
                    : Optional.empty();
        }
        if (FlinksCodes.UNAUTHORIZED.equals(FlinksCodes.normalize(flinksCode))
                && operation != FlinksOperation.AUTHORIZE) {
            return Optional.of(operation.credential());
        }
        return Optional.empty();
    }
}
