#!/bin/sh
# GENERATED from the topic and access plan (schemas: dev.flinkspipeline.schemas.plan) by
#   deploy/local/pipeline-tools generate-deploy
# Do not edit: change the plan and regenerate (a test fails when this file and the plan differ).
# Creates every topic of the topic plan on the compose stack's one broker: replication factor 1,
# $TOPIC_PARTITIONS partitions (default 3) for all but the fixed ones.
set -eu
BOOTSTRAP=${KAFKA_BOOTSTRAP_SERVERS:-kafka:9092}
PARTITIONS=${TOPIC_PARTITIONS:-3}

create() { # name, partitions, --config key=value...
  name=$1; partitions=$2; shift 2
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic "$name" \
    --partitions "$partitions" --replication-factor 1 "$@"
}

# pipeline: LoginReceived, a customer finished Flinks Connect (key loginId, as every event topic but the per-account
# ones)
create flinks.login-received "$PARTITIONS" --config min.insync.replicas=1 --config cleanup.policy=delete

# pipeline: KycReceived, the early KYC webhook; whole Flinks payloads: 16 MiB records
create flinks.kyc-received "$PARTITIONS" --config min.insync.replicas=1 --config cleanup.policy=delete --config max.message.bytes=16777216

# pipeline: AccountsReady, the full GetAccountsDetail result (poll or webhook); whole Flinks payloads: 16 MiB records
create flinks.accounts-ready "$PARTITIONS" --config min.insync.replicas=1 --config cleanup.policy=delete --config max.message.bytes=16777216

# pipeline: AttributesReady, the Attributes result; whole Flinks payloads: 16 MiB records
create flinks.attributes-ready "$PARTITIONS" --config min.insync.replicas=1 --config cleanup.policy=delete --config max.message.bytes=16777216

# pipeline: PipelineFailed, a terminal failure
create flinks.pipeline-failed "$PARTITIONS" --config min.insync.replicas=1 --config cleanup.policy=delete

# poller-service: PollScheduled, the poller's queue of pending polls
create flinks-poller.poll-scheduled "$PARTITIONS" --config min.insync.replicas=1 --config cleanup.policy=delete

# pipeline: webhooks of a type not turned into an event, kept raw; whole Flinks payloads: 16 MiB records
create flinks.webhook-unhandled "$PARTITIONS" --config min.insync.replicas=1 --config cleanup.policy=delete --config max.message.bytes=16777216

# pipeline: accounts-streams: the latest state of each account (key accountId); compaction keeps the last one per
# account
create flinks.account-state "$PARTITIONS" --config min.insync.replicas=1 --config cleanup.policy=compact

# pipeline: accounts-streams: each transaction once (key accountId)
create flinks.account-transactions "$PARTITIONS" --config min.insync.replicas=1 --config cleanup.policy=delete

# pipeline: dead letters of flinks.login-received
create flinks.login-received.DLT "$PARTITIONS" --config min.insync.replicas=1 --config cleanup.policy=delete --config max.message.bytes=16777216

# pipeline: dead letters of flinks.kyc-received
create flinks.kyc-received.DLT "$PARTITIONS" --config min.insync.replicas=1 --config cleanup.policy=delete --config max.message.bytes=16777216

# pipeline: dead letters of flinks.accounts-ready
create flinks.accounts-ready.DLT "$PARTITIONS" --config min.insync.replicas=1 --config cleanup.policy=delete --config max.message.bytes=16777216

# pipeline: dead letters of flinks.attributes-ready
create flinks.attributes-ready.DLT "$PARTITIONS" --config min.insync.replicas=1 --config cleanup.policy=delete --config max.message.bytes=16777216

# pipeline: dead letters of flinks.pipeline-failed
create flinks.pipeline-failed.DLT "$PARTITIONS" --config min.insync.replicas=1 --config cleanup.policy=delete --config max.message.bytes=16777216

# poller-service: dead letters of flinks-poller.poll-scheduled
create flinks-poller.poll-scheduled.DLT "$PARTITIONS" --config min.insync.replicas=1 --config cleanup.policy=delete --config max.message.bytes=16777216

# pipeline: dead letters of flinks.webhook-unhandled
create flinks.webhook-unhandled.DLT "$PARTITIONS" --config min.insync.replicas=1 --config cleanup.policy=delete --config max.message.bytes=16777216

# pipeline: dead letters of flinks.account-state
create flinks.account-state.DLT "$PARTITIONS" --config min.insync.replicas=1 --config cleanup.policy=delete --config max.message.bytes=16777216

# pipeline: dead letters of flinks.account-transactions
create flinks.account-transactions.DLT "$PARTITIONS" --config min.insync.replicas=1 --config cleanup.policy=delete --config max.message.bytes=16777216

# poller-service: LoginReceived eventIds taken on, kept for the dedup window (poller.dedup.window); read partition by
# partition along flinks.login-received, so as many partitions
create flinks-poller.logins-seen "$PARTITIONS" --config min.insync.replicas=1 --config cleanup.policy=compact,delete --config retention.ms=604800000

# poller-service: webhook-flow logins waiting for their webhook; as many partitions as flinks.accounts-ready
create flinks-poller.webhook-wait "$PARTITIONS" --config min.insync.replicas=1 --config cleanup.policy=delete

# poller-service: dead letters of the webhook wait
create flinks-poller.webhook-wait.DLT "$PARTITIONS" --config min.insync.replicas=1 --config cleanup.policy=delete --config max.message.bytes=16777216

# poller-service: logins whose AccountsReady arrived, kept 2 x poller.webhook-fallback.grace + 1 h
create flinks-poller.accounts-seen "$PARTITIONS" --config min.insync.replicas=1 --config cleanup.policy=compact,delete --config retention.ms=7200000

# attributes-service: the snapshot state, one partition per flinks.accounts-ready partition (checked at start);
# compacted: the latest snapshot per key
create flinks-attributes.snapshots "$PARTITIONS" --config min.insync.replicas=1 --config cleanup.policy=compact

# attributes-service: scheduled retries carrying the whole AccountsReady
create flinks-attributes.attributes-scheduled "$PARTITIONS" --config min.insync.replicas=1 --config cleanup.policy=delete --config max.message.bytes=16777216

# attributes-service: dead letters of the retries
create flinks-attributes.attributes-scheduled.DLT "$PARTITIONS" --config min.insync.replicas=1 --config cleanup.policy=delete --config max.message.bytes=16777216

# ingest-service: Connect session -> login claims, read whole at start; delete, never compacted (compaction would keep
# only the last claim of a session), kept longer than a tag lives (ingest.tag-bindings.retention)
create flinks-ingest.tag-bindings 3 --config min.insync.replicas=1 --config cleanup.policy=delete --config retention.ms=86400000

# apicurio-registry: Apicurio Registry's KafkaSQL store: one partition (a total order of schema writes), never deleted
# (the registry refuses a journal that could lose writes)
create kafkasql-journal 1 --config min.insync.replicas=1 --config cleanup.policy=delete --config retention.ms=-1 --config retention.bytes=-1

# apicurio-registry: Apicurio Registry's KafkaSQL store: one partition (a total order of schema writes), never deleted
# (the registry refuses a journal that could lose writes)
create kafkasql-snapshots 1 --config min.insync.replicas=1 --config cleanup.policy=delete --config retention.ms=-1 --config retention.bytes=-1
