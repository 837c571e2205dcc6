package dev.flinkspipeline.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The secured broker authenticates over SASL_SSL with SCRAM and allows a principal only what its ACLs say. */
class SecuredKafkaBrokerTest {

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker().withSaslSsl();

    @Test
    void aPrincipalWritesWhereItsAclsAllowAndIsRefusedElsewhere() throws Exception {
        kafka.createTopic("secured.allowed", 1);
        kafka.createTopic("secured.other", 1);
        kafka.addUser("writer");
        kafka.createAcls(List.of(allow("writer", "secured.allowed", AclOperation.WRITE)));

        try (KafkaProducer<String, String> producer = producer(kafka.clientProperties("writer"))) {
            assertThat(producer.send(new ProducerRecord<>("secured.allowed", "k", "v"))
                            .get(30, TimeUnit.SECONDS)
                            .offset())
                    .isZero();
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("secured.other", "k", "v"))
                            .get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        kafka.addUser("someone");
        Map<String, Object> props = new HashMap<>(kafka.clientProperties("someone"));
        props.put("sasl.jaas.config", SaslSslListener.jaas("someone", "not-the-password"));
        try (Admin admin = Admin.create(props)) {
            assertThatThrownBy(() -> admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    private static AclBinding allow(String user, String topic, AclOperation operation) {
        return new AclBinding(
                new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
                new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> props) {
        Map<String, Object> config = new HashMap<>(props);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Duration.ofSeconds(20).toMillis());
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }
}
