package dev.flinkspipeline.tools.redrive;

import dev.flinkspipeline.schemas.Topics;

/** The topics a re-drive reads and writes; the defaults are the pipeline's. */
public record RedriveTopics(String pipelineFailed, String loginReceived, String accountsReady, String attributesReady) {

    public static final RedriveTopics DEFAULT = new RedriveTopics(
            Topics.PIPELINE_FAILED, Topics.LOGIN_RECEIVED, Topics.ACCOUNTS_READY, Topics.ATTRIBUTES_READY);
}
