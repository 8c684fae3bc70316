# Switchboard in a container: built with the Maven wrapper on a JDK, run on a JRE as a
# non-root user, healthy when /ready answers 200 (the store answers and the catalog loaded).
# The CI machines cannot pull base images, so this file is not built in CI.

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY bin bin
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline -DexcludeReactor=true || true
COPY src src
COPY LICENSE NOTICE ./
# The start-up cache is recorded below, on the JRE that runs it: a cache serves only the Java that wrote it.
RUN ./mvnw -B -q package -DskipTests -Dstartup.cache.skip=true

FROM eclipse-temurin:25-jre
RUN groupadd --system switchboard && useradd --system --gid switchboard --home-dir /var/lib/switchboard \
        --create-home switchboard
WORKDIR /var/lib/switchboard
COPY --from=build /src/target/switchboard.jar /opt/switchboard/switchboard.jar
COPY --from=build /src/LICENSE /src/NOTICE /opt/switchboard/
# Java 25's ahead-of-time cache, written from a training run (a sandbox server answering a few
# thousand calls on loopback): classes loaded and linked, and method profiles, so a new replica
# starts in about half the time and reaches speed sooner. With the options the entrypoint uses.
RUN java -XX:+UseParallelGC -XX:AOTCacheOutput=/opt/switchboard/switchboard.aot -Xlog:aot=off -Xlog:cds=off \
        -jar /opt/switchboard/switchboard.jar training-run > /dev/null
USER switchboard
ENV SWITCHBOARD_PORT=8080 \
    SWITCHBOARD_DATABASE_URL=jdbc:sqlite:/var/lib/switchboard/switchboard.db \
    MALLOC_ARENA_MAX=2
# Log lines as JSON, one object each, for the container runtime's log collector, even when
# the container is started with a terminal (docker run -t).
ENV SWITCHBOARD_LOG_FORMAT=json
EXPOSE 8080
# bash's /dev/tcp: the JRE image has no curl. Healthy only on an HTTP 200 from /ready.
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${SWITCHBOARD_PORT} && printf 'GET /ready HTTP/1.0\\r\\n\\r\\n' >&3 && head -n1 <&3 | grep -q ' 200 '"]
# Virtual threads need Java 21+ (this image has 25). The heap takes three quarters of the container's
# memory; the parallel collector, as ./switchboard uses, copies the calls waiting on providers on
# every core the container has, and grows the heap only past a tenth of the time spent collecting;
# what the JIT and the JDK freed is handed back to the system every 2 s, as ./switchboard does.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+UseParallelGC", "-XX:GCTimeRatio=9", "-XX:TrimNativeHeapInterval=2000", \
            "-XX:AOTCache=/opt/switchboard/switchboard.aot", \
            "-Xlog:aot=off", "-Xlog:cds=off", "-jar", "/opt/switchboard/switchboard.jar"]
CMD ["serve"]
