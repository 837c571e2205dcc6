package dev.flinkspipeline.poller.it;

import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.testkit.PipelineInfrastructure;
import java.util.List;
import java.util.Map;

/** Topic names of one test scenario, so scenarios sharing a broker do not see each other. */
record Scenario(String name) {
    String logins() {
        return name + ".login-received";
    }

    String polls() {
        return name + ".poll-scheduled";
    }

    String accounts() {
        return name + ".accounts-ready";
    }

    String failures() {
        return name + ".pipeline-failed";
    }

    String waits() {
        return name + ".webhook-wait";
    }

    String accountsSeen() {
        return name + ".accounts-seen";
    }

    /** Creates the scenario's topics (3 partitions each), before any client could auto-create them. */
    Scenario create(PipelineInfrastructure infra) {
        for (String topic : List.of(
                logins(),
                polls(),
                accounts(),
                failures(),
                waits(),
                Topics.dlt(logins()),
                Topics.dlt(polls()),
                Topics.dlt(waits()))) {
            infra.createTopic(topic, 3, Map.of());
        }
        return this;
    }
}
