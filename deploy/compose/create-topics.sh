#!/bin/sh
# Creates the pipeline topics and their dead-letter topics with the local stack's settings (TopicPlan):
# delete policy (flinks.account-state: compact), 16 MiB records where whole Flinks payloads travel. The
# services create their own internal topics. One broker here: replication factor 1.
set -eu
BOOTSTRAP=${KAFKA_BOOTSTRAP_SERVERS:-kafka:9092}
PARTITIONS=${TOPIC_PARTITIONS:-3}
FULL=16777216

# The latest state per account (accounts-streams): compaction keeps the last record of each account.
COMPACTED="flinks.account-state"

create() { # name, extra configs...
  name=$1; shift
  policy=delete
  for compacted in $COMPACTED; do
    if [ "$name" = "$compacted" ]; then policy=compact; fi
  done
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic "$name" \
    --partitions "$PARTITIONS" --replication-factor 1 --config cleanup.policy=$policy "$@"
}

# Whole Flinks payloads (a year of transactions, raw webhooks) travel on these.
FULL_PAYLOAD="flinks.kyc-received flinks.accounts-ready flinks.attributes-ready flinks.webhook-unhandled"
OTHERS="flinks.login-received flinks.pipeline-failed flinks-poller.poll-scheduled flinks.account-state flinks.account-transactions"

for topic in $OTHERS; do
  create "$topic"
done
for topic in $FULL_PAYLOAD; do
  create "$topic" --config max.message.bytes=$FULL
done
# A dead letter is the original record, whatever its size.
for topic in $OTHERS $FULL_PAYLOAD; do
  create "$topic.DLT" --config max.message.bytes=$FULL
done
