package dev.flinkspipeline.attributes.kafka;

import dev.flinkspipeline.attributes.job.AttemptResult;
import dev.flinkspipeline.attributes.job.JobDecision;
import dev.flinkspipeline.attributes.job.LastAnswer;
import dev.flinkspipeline.service.job.JobMetrics;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One log line and the meters of each committed decision; logs carry loginId and requestId (never personal data). */
final class Decisions {

    private static final Logger log = LoggerFactory.getLogger(Decisions.class);

    private Decisions() {}

    /** Counts a committed decision. */
    static void count(JobMetrics metrics, JobDecision decision, Instant now) {
        Duration sinceStart = Duration.between(decision.job().firstAttemptAt(), now);
        if (decision instanceof JobDecision.Done done) {
            metrics.step("fetched", "path", done.fetched().requestIdReused() ? "reuse" : "reauthorize");
            metrics.duration("fetched", sinceStart);
        } else if (decision instanceof JobDecision.GaveUp gaveUp) {
            metrics.step("failed", "path", "none");
            metrics.failed(gaveUp.failed().reason(), gaveUp.failed().answer().flinksCode());
            metrics.duration("failed", sinceStart);
        } else if (decision instanceof JobDecision.Retry retry) {
            metrics.step("retry", "path", "none");
            metrics.retry(
                    retry.retry().kind().name(), "step", retry.job().step().name());
        }
    }

    static void log(JobDecision decision) {
        var job = decision.job();
        if (decision instanceof JobDecision.Done done) {
            log.info(
                    "loginId={} requestId={} Attributes {} fetched ({} values, requestId {}, attempt {})",
                    job.loginId(),
                    job.requestId(),
                    job.attributeSet(),
                    done.fetched().response().card().size() - 1,
                    done.fetched().requestIdReused() ? "reused" : "of a new session",
                    job.attempts());
        } else if (decision instanceof JobDecision.GaveUp gaveUp) {
            LastAnswer a = gaveUp.failed().answer();
            log.warn(
                    "loginId={} requestId={} Attributes failed: {} flinksCode={} httpStatus={} after {} attempt(s): {}",
                    job.loginId(),
                    job.requestId(),
                    gaveUp.failed().reason(),
                    a.flinksCode(),
                    a.httpStatus(),
                    job.attempts(),
                    a.message());
        } else if (decision instanceof JobDecision.Retry retry) {
            LastAnswer a = retry.retry().answer();
            if (retry.retry().kind() == AttemptResult.RetryKind.PENDING && !log.isDebugEnabled()) {
                return; // 202s are the normal rhythm of a job: not worth a line each at INFO
            }
            log.info(
                    "loginId={} requestId={} retry {} at {} ({} flinksCode={} httpStatus={})",
                    job.loginId(),
                    job.requestId(),
                    job.step(),
                    retry.dueAt(),
                    retry.retry().kind(),
                    a.flinksCode(),
                    a.httpStatus());
        }
    }
}
