# syntax=docker/dockerfile:1
# One image recipe for the four Contingo services. Build context: the repository root, e.g.
#   docker build --build-arg SERVICE=health-service --build-arg PORT=8081 -t contingo/health-service .
# docker-compose.yml passes SERVICE and PORT for each service.
ARG SERVICE=incident-service

# ---- Build: the Spring Boot fat jar, with the Maven wrapper and a JDK 21 -------------------
FROM eclipse-temurin:21-jdk AS build
ARG SERVICE
WORKDIR /src
COPY . .
# The local Maven repository is a BuildKit cache shared by all Contingo images: dependencies are
# downloaded once; "locked" runs one Maven build at a time (parallel builds would fight over it).
RUN --mount=type=cache,target=/root/.m2,sharing=locked \
    ./mvnw -B -q -DskipTests -pl "$SERVICE" -am package \
 && cp "$SERVICE/target/$SERVICE.jar" /app.jar

# ---- Run: JRE only, as a non-root user -----------------------------------------------------
FROM eclipse-temurin:21-jre
ARG PORT=8080
# curl is for the compose healthcheck (GET /actuator/health must say "status":"UP").
RUN if ! command -v curl >/dev/null; then \
      apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*; \
    fi \
 && groupadd --system contingo \
 && useradd --system --gid contingo --home-dir /app --shell /usr/sbin/nologin contingo
WORKDIR /app
COPY --from=build /app.jar /app/app.jar
USER contingo
EXPOSE ${PORT}
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
