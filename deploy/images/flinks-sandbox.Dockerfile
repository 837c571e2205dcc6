# The Flinks sandbox (a simulator of the Flinks API, webhooks and Connect, for the compose stack and tests;
# never in production): its shaded jar, built beforehand with
#   ./mvnw -B -q -pl flinks-sandbox -am package -DskipTests
# Build from the repository root: docker build -f deploy/images/flinks-sandbox.Dockerfile -t flinks-pipeline/flinks-sandbox .
FROM eclipse-temurin:21-jre
ARG VERSION=0.1.0-SNAPSHOT
WORKDIR /app
COPY flinks-sandbox/target/flinks-sandbox-${VERSION}.jar flinks-sandbox.jar
ENV SANDBOX_HOST=0.0.0.0 \
    SANDBOX_PORT=8090
EXPOSE 8090
USER 10001
ENTRYPOINT ["java", "-jar", "/app/flinks-sandbox.jar"]
