package dev.flinkspipeline.tools.redrive;

/**
 * One failed login and what to do about it.
 *
 * @param repeated the same re-drive (same id) is already on Kafka: writing it again is harmless, consumers
 *                 deduplicate it, and it tells the operator the earlier run got that far
 */
record RedriveDecision(FailedLogin failure, RedriveAction action, boolean repeated) {

    boolean redrives() {
        return !(action instanceof RedriveAction.Skip);
    }
}
