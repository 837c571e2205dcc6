package dev.flinkspipeline.tools.redrive;

import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.FailureStage;
import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.events.PipelineFailed;
import dev.flinkspipeline.schemas.serde.AvroDeserializer;
import dev.flinkspipeline.tools.kafka.ClientSettings;
import dev.flinkspipeline.tools.kafka.RawRecord;
import dev.flinkspipeline.tools.kafka.TopicScan;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * {@code pipeline-tools redrive}: re-drives the logins whose latest event is a {@code PipelineFailed}
 * matching the filter, once a fix is deployed. It reads {@code flinks.pipeline-failed}, then, for the
 * selected logins only, what they left on login-received, accounts-ready and attributes-ready; decides
 * ({@link RedrivePlanner}); prints the table; and, unless it is a dry run, writes the re-drives.
 */
public final class RedriveCommand {

    /** What to re-drive and where. */
    public record Options(ClientSettings kafka, RedriveFilter filter, boolean dryRun, RedriveTopics topics) {}

    private final Options options;
    private final Clock clock;

    public RedriveCommand(Options options, Clock clock) {
        this.options = options;
        this.clock = clock;
    }

    /** Runs the command; returns the exit status: 0, or 1 when a re-drive could not be written. */
    public int run(PrintStream out) {
        RedriveTopics topics = options.topics();
        List<RedriveDecision> decisions;
        try (TopicScan scan = new TopicScan(options.kafka());
                AvroDeserializer avro = AvroDeserializer.create(options.kafka().serde(true), false)) {
            LatestFailures latest = new LatestFailures();
            AtomicLong unreadable = new AtomicLong();
            long read =
                    scan.read(topics.pipelineFailed(), options.filter().window().since(), record -> {
                        if (decode(avro, record) instanceof PipelineFailed failed) {
                            latest.add(FailedLogin.of(failed, Instant.ofEpochMilli(record.timestamp())));
                        } else {
                            unreadable.incrementAndGet();
                        }
                    });
            List<FailedLogin> selected = latest.matching(options.filter());
            out.printf(
                    "%s: %d record(s)%s, %d failed login(s), %d matching%n",
                    topics.pipelineFailed(),
                    read,
                    unreadable.get() == 0 ? "" : " (" + unreadable.get() + " not a readable PipelineFailed)",
                    latest.logins(),
                    selected.size());
            if (selected.isEmpty()) {
                return 0;
            }
            Map<String, LoginTrail> trails = trails(scan, avro, selected);
            Instant now = clock.instant();
            decisions = selected.stream()
                    .map(f -> RedrivePlanner.decide(f, trails.get(f.loginId()), now))
                    .toList();
        }
        Map<String, String> failed = Map.of();
        List<RedriveDecision> redrives =
                decisions.stream().filter(RedriveDecision::redrives).toList();
        if (!options.dryRun() && !redrives.isEmpty()) {
            try (RedrivePublisher publisher = new RedrivePublisher(options.kafka(), topics)) {
                failed = publisher.publish(redrives, clock.instant());
            }
        }
        RedriveTable.print(decisions, options.dryRun(), failed, out);
        return failed.isEmpty() ? 0 : 1;
    }

    /**
     * The trail of each selected login. Topics are read only as far back as needed: login-received and
     * accounts-ready from the beginning when a re-drive copies from them, otherwise (and attributes-ready
     * always) from the earliest selected failure, since only what came after it matters there.
     */
    private Map<String, LoginTrail> trails(TopicScan scan, AvroDeserializer avro, List<FailedLogin> selected) {
        Map<String, LoginTrail> trails = new LinkedHashMap<>();
        selected.forEach(f -> trails.put(f.loginId(), new LoginTrail(f.at())));
        Instant earliest = selected.stream()
                .map(FailedLogin::at)
                .min(Comparator.naturalOrder())
                .orElseThrow();
        boolean copiesLogins = selected.stream()
                .anyMatch(f -> f.stage() != FailureStage.ATTRIBUTES && f.stage() != FailureStage.CONNECT);
        boolean copiesAccounts = selected.stream().anyMatch(f -> f.stage() == FailureStage.ATTRIBUTES);
        RedriveTopics topics = options.topics();

        if (copiesLogins) {
            scan.read(topics.loginReceived(), null, record -> {
                LoginTrail trail = trails.get(record.key());
                if (trail != null && decode(avro, record) instanceof LoginReceived login) {
                    trail.sawLoginReceived(login, Instant.ofEpochMilli(record.timestamp()));
                }
            });
        }
        scan.read(topics.accountsReady(), copiesAccounts ? null : earliest, record -> {
            LoginTrail trail = trails.get(record.key());
            if (trail != null && record.value() != null) {
                boolean laterPart = decode(avro, record) instanceof AccountsReady accounts
                        && accounts.getPart() != null
                        && accounts.getPart().getIndex() > 0;
                trail.sawAccountsReady(RawRecord.of(record), laterPart);
            }
        });
        scan.read(topics.attributesReady(), earliest, record -> {
            LoginTrail trail = trails.get(record.key());
            if (trail != null && record.value() != null) {
                trail.sawAttributesReady(Instant.ofEpochMilli(record.timestamp()));
            }
        });
        return trails;
    }

    /** The event, or null for a record that is not one (tombstone, foreign bytes, unknown schema id). */
    private static Object decode(AvroDeserializer avro, ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            return avro.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
