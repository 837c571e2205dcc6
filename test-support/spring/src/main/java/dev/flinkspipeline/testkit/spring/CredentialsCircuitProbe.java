package dev.flinkspipeline.testkit.spring;

import java.io.IOException;
import java.net.http.HttpResponse;
import org.springframework.kafka.listener.MessageListenerContainer;

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

    /** Whether every Kafka listener container of the service is paused (the open circuit's hold). */
    public boolean listenersPaused() {
        return service.listenerContainers().stream().allMatch(MessageListenerContainer::isContainerPaused);
    }

    public HttpResponse<String> readiness() throws IOException, InterruptedException {
        return service.get("/actuator/health/readiness");
    }
}
