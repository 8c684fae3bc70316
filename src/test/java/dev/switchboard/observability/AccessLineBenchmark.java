package dev.switchboard.observability;

import dev.switchboard.mapping.Json;
import dev.switchboard.mapping.Timestamps;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What writing one access line costs, in each format, beside the line as it was before the
 * shared shape (a map written by Jackson with its own timestamp). Run with
 * {@code bench/jmh AccessLineBenchmark}; docs/BENCHMARKS.md has the figures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AccessLineBenchmark {

    private static final Set<String> IN_MESSAGE = Set.of("http_method", "path", "status");

    private static Map<String, Object> fields() {
        var line = new LinkedHashMap<String, Object>();
        line.put("http_method", "POST");
        line.put("path", "/unified/ats/activities");
        line.put("status", 201);
        line.put("duration_ms", 12.3);
        line.put("integration", "lever");
        line.put("resource", "ats/activities");
        line.put("method", "create");
        line.put("provider_status", 201);
        line.put("provider_ms", 9L);
        line.put("provider_calls", 1);
        return line;
    }

    @Benchmark
    public String before() {
        var line = new LinkedHashMap<String, Object>();
        line.put("ts", Timestamps.format(Instant.now()));
        line.put("request_id", "3f0c9a8e-6f1d-4c44-9b0e-2f1a7d5c8e91");
        line.putAll(fields());
        return Json.writeString(line);
    }

    @Benchmark
    public String json() {
        return line().render(LogLine.Format.JSON);
    }

    @Benchmark
    public String text() {
        return line().render(LogLine.Format.TEXT);
    }

    private static LogLine line() {
        return new LogLine(Instant.now(), "INFO", "switchboard.access", "3f0c9a8e-6f1d-4c44-9b0e-2f1a7d5c8e91",
                "POST /unified/ats/activities 201", fields(), IN_MESSAGE, null);
    }
}
