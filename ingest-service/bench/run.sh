#!/usr/bin/env bash
# Webhook intake benchmark of ingest-service: packages the service, then runs
# dev.flinkspipeline.ingest.bench.WebhookBenchmark, which starts a KRaft broker and the dev schema
# registry in-process, the packaged service as its own process (java -jar quarkus-run.jar), and posts
# signed KYC + GetAccountsDetail webhooks on loopback to /webhooks/flinks/baseline (no Kafka) and
# /webhooks/flinks (acks=all), alternately, in the same run.
#
# Usage: ingest-service/bench/run.sh [-Dbench.concurrency=64] [-Dbench.seconds=15] [-Dbench.rounds=3] [-Dbench.warmup=10]
#                                    [-Dbench.logins=100] [-Dbench.days=Days90|Days365]
set -euo pipefail
cd "$(dirname "$0")/.."
../mvnw -B -q package -DskipTests
# From the module directory, so target/ (service jar, broker data, service log) resolves there.
../mvnw -B -q exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=dev.flinkspipeline.ingest.bench.WebhookBenchmark "$@"
