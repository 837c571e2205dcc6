package dev.flinkspipeline.testkit.spring;

import dev.flinkspipeline.schemas.plan.Principals;
import dev.flinkspipeline.schemas.plan.Sizing;
import dev.flinkspipeline.schemas.plan.TopicPlan;
import dev.flinkspipeline.schemas.plan.TopicSpec;
import dev.flinkspipeline.testkit.PipelineInfra;
import dev.flinkspipeline.testkit.kafka.KafkaBroker;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A secured broker ({@link PipelineInfra#withSaslSsl()}) made ready for one service as the cluster is: the plan's
 * topics created beforehand (one broker, 2 partitions), the service's principal with exactly the access plan's
 * rights.
 */
public final class SecuredPipeline {

    private SecuredPipeline() {}

    /**
     * Creates the plan's topics (an existing one is left as it is), adds {@code principal} and its ACLs, and returns
     * the settings that make a service connect as that principal.
     */
    public static Map<String, Object> prepare(PipelineInfra infra, String principal) {
        KafkaBroker broker = infra.broker();
        Sizing oneBroker = Sizing.singleBroker(2);
        for (TopicSpec topic : TopicPlan.all()) {
            infra.createTopic(topic.name(), topic.partitions(oneBroker), topic.configs(oneBroker));
        }
        broker.addUser(principal);
        broker.createAcls(Principals.access(principal).aclBindings());

        Map<String, Object> settings =
                new LinkedHashMap<>(PipelineSettings.kafkaSecurity(broker.clientProperties(principal)));
        // Transactional ids start with the pod's name in the cluster; the ACL allows that prefix only.
        settings.put("pipeline.kafka.transaction-id-prefix", principal + "-0-");
        return settings;
    }
}
