# ingest-service: the Quarkus fast-jar (ingest-service/target/quarkus-app), built beforehand with
#   ./mvnw -B -q -pl ingest-service -am package -DskipTests
# Build from the repository root: docker build -f deploy/images/ingest-service.Dockerfile -t flinks-pipeline/ingest-service .
FROM eclipse-temurin:21-jre

WORKDIR /deployments
# Dependencies first: they change less often than the application, so their layers are reused.
COPY ingest-service/target/quarkus-app/lib/ lib/
COPY ingest-service/target/quarkus-app/quarkus-run.jar quarkus-run.jar
COPY ingest-service/target/quarkus-app/app/ app/
COPY ingest-service/target/quarkus-app/quarkus/ quarkus/

# In a container it must listen on every interface (the service's own default is loopback).
ENV QUARKUS_HTTP_HOST=0.0.0.0 \
    QUARKUS_HTTP_PORT=8080 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
EXPOSE 8080
# A numeric user, so that Kubernetes' runAsNonRoot can check it.
USER 10001
ENTRYPOINT ["java", "-jar", "/deployments/quarkus-run.jar"]
