package dev.flinkspipeline.streams;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** AccountsReady → per-account state (compacted) and per-transaction records, exactly once (Kafka Streams). */
@SpringBootApplication
public class AccountsStreamsApplication {

    public static void main(String[] args) {
        SpringApplication.run(AccountsStreamsApplication.class, args);
    }
}
