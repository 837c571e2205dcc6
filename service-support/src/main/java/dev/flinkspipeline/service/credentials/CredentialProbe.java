package dev.flinkspipeline.service.credentials;

import dev.flinkspipeline.flinks.client.Credential;
import java.util.concurrent.CompletableFuture;

/** A call that presents one of our credentials and nothing of any login's, to see whether Flinks takes it. */
@FunctionalInterface
public interface CredentialProbe {

    /** Never completes exceptionally for Flinks or network problems: those are {@code UNKNOWN}. */
    CompletableFuture<ProbeVerdict> probe(Credential credential);
}
