package dev.flinkspipeline.poller;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** poller-service: the standard flow's phase 2, LoginReceived to AccountsReady by polling Flinks. */
@SpringBootApplication
public class PollerApplication {

    public static void main(String[] args) {
        SpringApplication.run(PollerApplication.class, args);
    }
}
