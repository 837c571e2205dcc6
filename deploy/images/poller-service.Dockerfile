# poller-service: the Spring Boot jar (poller-service/target/poller-service-<version>.jar), built beforehand with
#   ./mvnw -B -q -pl poller-service -am package -DskipTests
# Build from the repository root: docker build -f deploy/images/poller-service.Dockerfile -t flinks-pipeline/poller-service .
FROM eclipse-temurin:21-jre AS layers
ARG VERSION=0.1.0-SNAPSHOT
WORKDIR /build
COPY poller-service/target/poller-service-${VERSION}.jar app.jar
# Spring Boot's layers (dependencies, loader, snapshot dependencies, application), each its own image layer.
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:21-jre
WORKDIR /app
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./

# In a container it must listen on every interface (the service's own default is loopback).
ENV SERVER_ADDRESS=0.0.0.0 \
    SERVER_PORT=8082 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
EXPOSE 8082
# A numeric user, so that Kubernetes' runAsNonRoot can check it.
USER 10001
# lz4-java loads its native library for Kafka's lz4 codec: granted, so that Java 22+ does not warn about it.
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "org.springframework.boot.loader.launch.JarLauncher"]
