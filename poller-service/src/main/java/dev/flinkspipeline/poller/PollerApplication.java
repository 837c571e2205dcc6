package dev.flinkspipeline.poller;

import dev.flinkspipeline.service.flinks.FlinksCallBudget;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** poller-service: the standard flow's phase 2, LoginReceived to AccountsReady by polling Flinks. */
@SpringBootApplication
public class PollerApplication {

    public static void main(String[] args) {
        FlinksCallBudget.ensureCommonPoolThreads(); // before anything starts the common pool
        SpringApplication.run(PollerApplication.class, args);
    }
}
