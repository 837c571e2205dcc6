package dev.flinkspipeline.service.credentials;

import dev.flinkspipeline.flinks.client.Credential;
import java.time.Duration;

/**
 * Told when the credentials circuit changes (on a Flinks client or probe thread: keep it short, never block).
 */
public interface CircuitListener {

    /**
     * A probe confirmed that Flinks refuses {@code credential}.
     *
     * @param opened   the circuit was closed until now
     * @param evidence the failed call and the probe's answer, safe to log
     */
    void refused(Credential credential, boolean opened, String evidence);

    /** Every credential is accepted again: the circuit closed after being open {@code openFor}. */
    void closed(Duration openFor);
}
