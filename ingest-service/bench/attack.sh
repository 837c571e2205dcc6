#!/usr/bin/env bash
# Edge attacks on ingest-service: packages the service, then runs dev.flinkspipeline.ingest.bench.EdgeAttack,
# which starts a KRaft broker and the dev schema registry in-process and, per round, the packaged service as
# its own process (java -Xmx256m -jar quarkus-run.jar): 12 connections declaring 32 MiB bodies and 250
# trickling garbage-signed bodies at a byte a second stay open while it probes /q/health/live and posts
# signed webhooks of 15 MB, 5.5 MB and KYC size; then it times idle and half-sent connections, and a next
# request head trickled after an answer.
#
# Usage: ingest-service/bench/attack.sh [-Dattack.rounds=3] [-Dattack.seconds=30] [-Dattack.declared=12]
#                                       [-Dattack.slow=250] [-Dattack.heap=256m]
set -euo pipefail
cd "$(dirname "$0")/.."
../mvnw -B -q package -DskipTests
# From the module directory, so target/ (service jar, broker data, service logs) resolves there.
../mvnw -B -q exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=dev.flinkspipeline.ingest.bench.EdgeAttack "$@"
