package dev.flinkspipeline.streams.topology;

import dev.flinkspipeline.events.AccountState;
import dev.flinkspipeline.events.AccountTransaction;
import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.schemas.CloudEventHeaders;
import dev.flinkspipeline.schemas.serde.SchemaRegistryException;
import dev.flinkspipeline.schemas.snapshot.AccountsReadyAssembler;
import dev.flinkspipeline.streams.snapshot.SeenAccount;
import dev.flinkspipeline.streams.snapshot.SeenTransaction;
import dev.flinkspipeline.streams.snapshot.SnapshotProblems;
import dev.flinkspipeline.streams.snapshot.SnapshotSplit;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits each AccountsReady into AccountState and AccountTransaction records ({@link SnapshotSplit}), remembering
 * what it wrote in two state stores. A snapshot written in parts is put back together first ({@link PendingParts}),
 * so it is split exactly as the same snapshot in one record would be. The value is decoded here rather than by the source so that a record that
 * cannot be decoded goes to the dead-letter topic in the same transaction as everything else; a registry that
 * cannot be reached is not the record's fault and fails the task instead, to be retried from the last commit.
 */
final class SnapshotSplitter implements Processor<String, byte[], String, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotSplitter.class);

    private final TopologySettings settings;
    private final Deserializer<Object> accountsReadyDeserializer;
    private final String applicationName;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, String> accountMarks;
    private KeyValueStore<String, String> transactionMarks;
    private PendingParts pendingParts;

    SnapshotSplitter(
            TopologySettings settings, Deserializer<Object> accountsReadyDeserializer, String applicationName) {
        this.settings = settings;
        this.accountsReadyDeserializer = accountsReadyDeserializer;
        this.applicationName = applicationName;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.accountMarks = context.getStateStore(AccountsTopology.ACCOUNT_MARKS);
        this.transactionMarks = context.getStateStore(AccountsTopology.TRANSACTION_MARKS);
        KeyValueStore<String, byte[]> parts = context.getStateStore(AccountsTopology.SNAPSHOT_PARTS);
        String topic = settings.topics().accountsReady();
        this.pendingParts =
                new PendingParts(parts, bytes -> (AccountsReady) accountsReadyDeserializer.deserialize(topic, bytes));
        // Stream time, not wall-clock: marks age with the data, so a replay of old records is not purged as it goes.
        context.schedule(settings.cleanupInterval(), PunctuationType.STREAM_TIME, this::purge);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.value() == null) {
            return; // a tombstone carries no snapshot
        }
        Optional<RecordMetadata> metadata = context.recordMetadata();
        String topic =
                metadata.map(RecordMetadata::topic).orElse(settings.topics().accountsReady());
        AccountsReady snapshot;
        try {
            Object value = accountsReadyDeserializer.deserialize(topic, record.headers(), record.value());
            if (!(value instanceof AccountsReady accountsReady)) {
                deadLetter(record, metadata, "not an AccountsReady: " + typeOf(value));
                return;
            }
            snapshot = accountsReady;
        } catch (SerializationException e) {
            if (registryAway(e)) {
                throw e;
            }
            deadLetter(record, metadata, "undecodable AccountsReady: " + e.getMessage());
            return;
        }
        Optional<String> problem = SnapshotProblems.of(snapshot);
        if (problem.isPresent()) {
            deadLetter(record, metadata, "malformed AccountsReady: " + problem.get());
            return;
        }
        if (snapshot.getPart() != null) {
            Optional<AccountsReady> whole = whole(record, metadata, snapshot);
            if (whole.isEmpty()) {
                return;
            }
            snapshot = whole.get();
        }
        SnapshotSplit.Plan plan;
        try {
            plan = SnapshotSplit.plan(
                    snapshot,
                    record.timestamp(),
                    key -> decode(accountMarks.get(key), SeenAccount::decode),
                    key -> decode(transactionMarks.get(key), SeenTransaction::decode));
        } catch (RuntimeException e) {
            // e.g. a required field left null that Avro refuses when the output record is built
            deadLetter(record, metadata, "cannot split AccountsReady: " + e);
            return;
        }
        String traceparent = text(record.headers().lastHeader(CloudEventHeaders.TRACEPARENT));
        for (AccountState state : plan.states()) {
            context.forward(
                    output(record, state.getAccountId(), state, snapshot, traceparent),
                    AccountsTopology.ACCOUNT_STATE_SINK);
        }
        for (AccountTransaction transaction : plan.transactions()) {
            context.forward(
                    output(record, transaction.getAccountId(), transaction, snapshot, traceparent),
                    AccountsTopology.TRANSACTIONS_SINK);
        }
        plan.accountMarks().forEach((key, mark) -> accountMarks.put(key, mark.encode()));
        plan.transactionMarks().forEach((key, mark) -> transactionMarks.put(key, mark.encode()));
        LOG.info(
                "Split AccountsReady loginId={} requestId={}: {} account state(s), {} new or changed transaction(s), "
                        + "{} already written, {} older than written",
                snapshot.getLoginId(),
                snapshot.getRequestId(),
                plan.states().size(),
                plan.transactions().size(),
                plan.repeatedTransactions(),
                plan.staleTransactions());
    }

    /**
     * The whole snapshot once {@code part} completes it; empty while parts are missing (kept until the last one) or
     * when it cannot be completed (dead-lettered).
     */
    private Optional<AccountsReady> whole(
            Record<String, byte[]> record, Optional<RecordMetadata> metadata, AccountsReady part) {
        PendingParts.Outcome outcome = pendingParts.offer(part, record.value(), record.timestamp());
        if (outcome instanceof PendingParts.Waiting) {
            return Optional.empty();
        }
        if (outcome instanceof PendingParts.Incomplete incomplete) {
            deadLetter(
                    record,
                    metadata,
                    "last part of snapshot " + part.getPart().getSnapshotEventId() + " without part(s) "
                            + incomplete.missing());
            return Optional.empty();
        }
        try {
            return Optional.of(AccountsReadyAssembler.assemble(((PendingParts.Complete) outcome).parts()));
        } catch (IllegalArgumentException e) {
            deadLetter(record, metadata, "parts that do not make a snapshot: " + e.getMessage());
            return Optional.empty();
        }
    }

    private Record<String, Object> output(
            Record<String, byte[]> input,
            String key,
            SpecificRecord event,
            AccountsReady snapshot,
            String traceparent) {
        Headers headers = CloudEventHeaders.forEvent(event, settings.eventSource(), snapshot.getReceivedAt())
                .withTraceparent(traceparent)
                .writeTo(new RecordHeaders());
        return new Record<>(key, event, input.timestamp(), headers);
    }

    private void deadLetter(Record<String, byte[]> record, Optional<RecordMetadata> metadata, String reason) {
        String topic =
                metadata.map(RecordMetadata::topic).orElse(settings.topics().accountsReady());
        int partition = metadata.map(RecordMetadata::partition).orElse(-1);
        long offset = metadata.map(RecordMetadata::offset).orElse(-1L);
        // the key is the loginId; the reason names the failure, never a field's value
        LOG.warn(
                "AccountsReady of key={} at {}-{}@{} to {}: {}",
                record.key(),
                topic,
                partition,
                offset,
                settings.topics().deadLetter(),
                reason);
        Headers headers = DeadLetterHeaders.of(record.headers(), topic, partition, offset, applicationName, reason);
        context.forward(
                new Record<>(record.key(), (Object) record.value(), record.timestamp(), headers),
                AccountsTopology.DEAD_LETTER_SINK);
    }

    private void purge(long streamTime) {
        long cutoff = streamTime - settings.markRetention().toMillis();
        int accounts = ExpiredMarks.purge(accountMarks, cutoff);
        int transactions = ExpiredMarks.purge(transactionMarks, cutoff);
        int parts = pendingParts.purge(cutoff);
        if (parts > 0) {
            LOG.warn("Forgot {} part(s) of snapshots whose last part never came", parts);
        }
        if (accounts + transactions > 0) {
            LOG.info(
                    "Forgot {} account mark(s) and {} transaction mark(s) not seen for {}",
                    accounts,
                    transactions,
                    settings.markRetention());
        }
    }

    /** A registry that is down or refuses us: retrying later can succeed. An unknown schema id cannot. */
    static boolean registryAway(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SchemaRegistryException registry) {
                return !registry.isNotFound();
            }
        }
        return false;
    }

    private static <T> T decode(String text, Function<String, T> decoder) {
        return text == null ? null : decoder.apply(text);
    }

    private static String typeOf(Object value) {
        return value == null
                ? "null"
                : value instanceof SpecificRecord record
                        ? record.getSchema().getFullName()
                        : value.getClass().getName();
    }

    private static String text(Header header) {
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
