package dev.flinkspipeline.testkit.spring;

import java.io.IOException;
import java.net.http.HttpResponse;

/** What a running service shows of its Flinks credentials circuit: its metrics and its readiness. */
public record CredentialsCircuitProbe(SpringService service) {

    /** 1 while the circuit is open, else 0. */
    public double open() {
        return service.gauge("flinks.credentials.circuit.open");
    }

    /** How many times the circuit opened, over every credential. */
    public double openings() {
        return service.count("flinks.credentials.circuit.openings");
    }

    public HttpResponse<String> readiness() throws IOException, InterruptedException {
        return service.get("/actuator/health/readiness");
    }
}
