package dev.flinkspipeline.service.credentials;

import dev.flinkspipeline.flinks.client.Credential;
import java.util.Objects;

/**
 * What a probe found out about one of our credentials.
 *
 * @param detail what Flinks answered, safe to log (no secrets, no personal data)
 */
public record ProbeVerdict(Credential credential, Verdict verdict, String detail) {

    public enum Verdict {
        /** Flinks took the credential. */
        ACCEPTED,
        /** Flinks refused it. */
        REFUSED,
        /** No telling (Flinks busy or unreachable). */
        UNKNOWN
    }

    public ProbeVerdict {
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(detail, "detail");
    }

    public static ProbeVerdict accepted(Credential credential, String detail) {
        return new ProbeVerdict(credential, Verdict.ACCEPTED, detail);
    }

    public static ProbeVerdict refused(Credential credential, String detail) {
        return new ProbeVerdict(credential, Verdict.REFUSED, detail);
    }

    public static ProbeVerdict unknown(Credential credential, String detail) {
        return new ProbeVerdict(credential, Verdict.UNKNOWN, detail);
    }
}
