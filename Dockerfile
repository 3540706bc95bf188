# Build: docker build -t contractgate .
# Run:   docker run -p 8080:8080 -v contractgate-data:/app/data \
#          -e CHATWORK_API_TOKEN=... -e CHATWORK_WEBHOOK_TOKENS=... -e CONTRACTGATE_OPERATOR_KEY=... contractgate
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY config config
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && groupadd --system contractgate && useradd --system --gid contractgate --home-dir /app contractgate
WORKDIR /app
COPY --from=build /src/target/contractgate.jar /app/contractgate.jar
COPY config /app/config
RUN mkdir -p /app/data && chown -R contractgate:contractgate /app/data
USER contractgate
VOLUME ["/app/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${CONTRACTGATE_PORT:-8080}/health" >/dev/null || exit 1
# Serial GC and a heap that gives back what it does not use: a small service's idle memory, measured in the README
# ("Throughput and footprint").
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", \
            "-jar", "/app/contractgate.jar"]
CMD ["serve"]
