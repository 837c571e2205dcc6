package dev.flinkspipeline.attributes;

import dev.flinkspipeline.service.flinks.FlinksCallBudget;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Phase 3 of both flows: AccountsReady → Flinks Attributes → AttributesReady or PipelineFailed(ATTRIBUTES). */
@SpringBootApplication
public class AttributesServiceApplication {

    public static void main(String[] args) {
        FlinksCallBudget.ensureCommonPoolThreads(); // before anything starts the common pool
        SpringApplication.run(AttributesServiceApplication.class, args);
    }
}
