package dev.flinkspipeline.attributes.kafka;

import dev.flinkspipeline.attributes.job.JobDecision;
import dev.flinkspipeline.attributes.job.LastAnswer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One log line per decision, keyed by loginId and requestId (never personal data). */
final class Decisions {

    private static final Logger log = LoggerFactory.getLogger(Decisions.class);

    private Decisions() {
    }

    static void log(JobDecision decision) {
        var job = decision.job();
        if (decision instanceof JobDecision.Done done) {
            log.info("loginId={} requestId={} Attributes {} fetched ({} values, requestId {}, attempt {})",
                    job.loginId(), job.requestId(), job.attributeSet(), done.fetched().response().card().size() - 1,
                    done.fetched().requestIdReused() ? "reused" : "of a new session", job.attempts());
        } else if (decision instanceof JobDecision.GaveUp gaveUp) {
            LastAnswer a = gaveUp.failed().answer();
            log.warn("loginId={} requestId={} Attributes failed: {} flinksCode={} httpStatus={} after {} attempt(s): {}",
                    job.loginId(), job.requestId(), gaveUp.failed().reason(), a.flinksCode(), a.httpStatus(),
                    job.attempts(), a.message());
        } else if (decision instanceof JobDecision.Retry retry) {
            LastAnswer a = retry.retry().answer();
            if (retry.retry().kind() == dev.flinkspipeline.attributes.job.AttemptResult.RetryKind.PENDING
                    && !log.isDebugEnabled()) {
                return; // 202s are the normal rhythm of a job: not worth a line each at INFO
            }
            log.info("loginId={} requestId={} retry {} at {} ({} flinksCode={} httpStatus={})", job.loginId(),
                    job.requestId(), job.step(), retry.dueAt(), retry.retry().kind(), a.flinksCode(), a.httpStatus());
        }
    }
}
