# accounts-streams: the Spring Boot jar (accounts-streams/target/accounts-streams-<version>.jar), built beforehand with
#   ./mvnw -B -q -pl accounts-streams -am package -DskipTests
# Build from the repository root: docker build -f deploy/images/accounts-streams.Dockerfile -t flinks-pipeline/accounts-streams .
FROM eclipse-temurin:21-jre AS layers
ARG VERSION=0.1.0-SNAPSHOT
WORKDIR /build
COPY accounts-streams/target/accounts-streams-${VERSION}.jar app.jar
# Spring Boot's layers (dependencies, loader, snapshot dependencies, application), each its own image layer.
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:21-jre
WORKDIR /app
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./

# The stores' local state (RocksDB), owned by the user below; a Kubernetes pod mounts an emptyDir here.
RUN mkdir -p /var/lib/accounts-streams && chown 10001 /var/lib/accounts-streams

# In a container it must listen on every interface (the service's own default is loopback). Half the memory
# for the heap, not three quarters as the other services: RocksDB's caches and memtables live outside it.
ENV SERVER_ADDRESS=0.0.0.0 \
    SERVER_PORT=8084 \
    SPRING_KAFKA_STREAMS_STATEDIR=/var/lib/accounts-streams \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=50"
EXPOSE 8084
# A numeric user, so that Kubernetes' runAsNonRoot can check it.
USER 10001
# lz4-java loads its native library for Kafka's lz4 codec: granted, so that Java 22+ does not warn about it.
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "org.springframework.boot.loader.launch.JarLauncher"]
