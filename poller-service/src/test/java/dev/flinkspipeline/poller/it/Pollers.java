package dev.flinkspipeline.poller.it;

import dev.flinkspipeline.events.FlinksFlow;
import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.events.LoginSource;
import dev.flinkspipeline.flinks.sandbox.SandboxConfig;
import dev.flinkspipeline.poller.PollerApplication;
import dev.flinkspipeline.schemas.CloudEventHeaders;
import dev.flinkspipeline.schemas.EventIds;
import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.schemas.serde.AvroSerializer;
import dev.flinkspipeline.testkit.PipelineInfra;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starting poller instances and feeding them, for the integration tests. */
final class Pollers {

    private Pollers() {}

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
        Scenario create(PipelineInfra infra) {
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

    /** Settings of a test instance: time compressed to milliseconds, no web server. */
    static Map<String, Object> settings(PipelineInfra infra, String flinksBaseUrl, Scenario scenario) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("spring.kafka.bootstrap-servers", infra.bootstrapServers());
        p.put("pipeline.kafka.schema-registry-url", infra.schemaRegistryUrl());
        p.put("pipeline.kafka.transaction-timeout", "10s");
        p.put("pipeline.kafka.auto-register-schemas", "true");
        p.put("flinks.base-url", flinksBaseUrl);
        p.put("flinks.customer-id", SandboxConfig.TOOLBOX_CUSTOMER_ID);
        p.put("flinks.secret-key", SandboxConfig.TOOLBOX_SECRET_KEY);
        p.put("flinks.api-key", SandboxConfig.TOOLBOX_API_KEY);
        p.put("flinks.request-timeout", "5s");
        p.put("spring.main.web-application-type", "none");
        p.put("poller.poll-interval", "200ms");
        p.put("poller.max-poll-duration", "20s");
        p.put("poller.retry.initial-backoff", "50ms");
        p.put("poller.retry.max-backoff", "200ms");
        p.put("poller.topics.login-received", scenario.logins());
        p.put("poller.topics.poll-scheduled", scenario.polls());
        p.put("poller.topics.accounts-ready", scenario.accounts());
        p.put("poller.topics.pipeline-failed", scenario.failures());
        p.put("poller.topics.webhook-wait", scenario.waits());
        p.put("poller.topics.accounts-seen", scenario.accountsSeen());
        p.put("poller.topics.partitions", "3");
        // A bare test broker: the service creates its internal topics (the cluster declares them from the plan).
        p.put("poller.topics.create", "true");
        p.put("poller.consumer.group-id", scenario.name());
        p.put("poller.consumer.poll-timeout", "200ms");
        p.put("poller.consumer.failed-batch-pause", "200ms");
        p.put("logging.level.dev.flinkspipeline", "INFO");
        return p;
    }

    static ConfigurableApplicationContext start(Map<String, Object> settings) {
        return start(settings, new SpringApplicationBuilder(PollerApplication.class));
    }

    /** Starts {@code application} (a builder the test may have added beans to) with {@code settings}. */
    static ConfigurableApplicationContext start(Map<String, Object> settings, SpringApplicationBuilder application) {
        // As command-line arguments: they win over application.yml (builder properties would not).
        String[] args = settings.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return application.run(args);
    }

    static LoginReceived login(String loginId, List<String> accountIds) {
        return login(loginId, accountIds, FlinksFlow.STANDARD);
    }

    static LoginReceived login(String loginId, List<String> accountIds, FlinksFlow flow) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return LoginReceived.newBuilder()
                .setFlow(flow)
                .setEventId(EventIds.forEvent(loginId, null, "LoginReceived", now.toString())
                        .toString())
                .setLoginId(loginId)
                .setInstitution("FlinksCapital")
                .setTag("tag-" + loginId)
                .setAccountIds(accountIds)
                .setVia(LoginSource.REDIRECT_URL)
                .setReceivedAt(now)
                .build();
    }

    /** Writes events (keyed by loginId) and raw byte records to topics. */
    static final class Feeder implements AutoCloseable {
        private final KafkaProducer<String, Object> avro;
        private final KafkaProducer<String, byte[]> raw;
        private final AvroSerializer serializer;

        Feeder(PipelineInfra infra) {
            Map<String, Object> config = Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    infra.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG,
                    "all");
            serializer = AvroSerializer.create(Map.of("schema.registry.url", infra.schemaRegistryUrl()), false);
            avro = new KafkaProducer<>(
                    config,
                    new StringSerializer(),
                    AvroSerializer.create(Map.of("schema.registry.url", infra.schemaRegistryUrl()), false));
            raw = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        }

        void send(String topic, String key, Object event) {
            try {
                avro.send(new ProducerRecord<>(topic, key, event)).get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** {@code event} with a W3C {@code traceparent} header, as an upstream service writes it. */
        void sendTraced(String topic, String key, Object event, String traceparent) {
            ProducerRecord<String, Object> record = new ProducerRecord<>(topic, key, event);
            record.headers().add(CloudEventHeaders.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
            try {
                avro.send(record).get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** The bytes {@code event} has on {@code topic}. */
        byte[] serialize(String topic, Object event) {
            return serializer.serialize(topic, event);
        }

        void sendRaw(String topic, String key, byte[] value) {
            try {
                raw.send(new ProducerRecord<>(topic, key, value)).get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            avro.close();
            raw.close();
        }
    }
}
