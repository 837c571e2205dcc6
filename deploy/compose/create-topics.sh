#!/bin/sh
# Creates the pipeline topics and their dead-letter topics with the local stack's settings (TopicPlan):
# delete policy, 16 MiB records where whole Flinks payloads travel. The services create their own
# internal topics. One broker here: replication factor 1.
set -eu
BOOTSTRAP=${KAFKA_BOOTSTRAP_SERVERS:-kafka:9092}
PARTITIONS=${TOPIC_PARTITIONS:-3}
FULL=16777216

create() { # name, extra configs...
  name=$1; shift
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic "$name" \
    --partitions "$PARTITIONS" --replication-factor 1 --config cleanup.policy=delete "$@"
}

for topic in flinks.login-received flinks.pipeline-failed flinks-poller.poll-scheduled; do
  create "$topic"
done
for topic in flinks.kyc-received flinks.accounts-ready flinks.attributes-ready flinks.webhook-unhandled; do
  create "$topic" --config max.message.bytes=$FULL
done
for topic in flinks.login-received flinks.kyc-received flinks.accounts-ready flinks.attributes-ready \
    flinks.pipeline-failed flinks-poller.poll-scheduled flinks.webhook-unhandled; do
  create "$topic.DLT" --config max.message.bytes=$FULL
done
