package dev.switchboard.faults;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A provider that fails a share of creates in random ways, some before acting on them and
 * some after; every other request reaches the simulator untouched.
 */
public final class ChaosProvider implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "chaos";

    /** How a create goes wrong: whether the simulator acts first, and what the caller sees. */
    private record Failure(String name, boolean actsFirst, Supplier<ResponseDefinition> answer) {
    }

    private static final List<Failure> FAILURES = List.of(
            new Failure("reset before", false, () -> fault(Fault.CONNECTION_RESET_BY_PEER)),
            new Failure("reset after", true, () -> fault(Fault.CONNECTION_RESET_BY_PEER)),
            new Failure("empty after", true, () -> fault(Fault.EMPTY_RESPONSE)),
            new Failure("garbage after", true, () -> fault(Fault.RANDOM_DATA_THEN_CLOSE)),
            new Failure("truncated after", true, () -> answer(201, "application/json", "{\"success\": true, \"resu")),
            new Failure("html 502 before", false, () -> answer(502, "text/html", "<html>502 Bad Gateway</html>")),
            new Failure("html 502 after", true, () -> answer(502, "text/html", "<html>502 Bad Gateway</html>")),
            new Failure("500 after", true, () -> answer(500, "application/json", "{\"error\": \"internal\"}")),
            new Failure("429 before", false, () -> ResponseDefinitionBuilder.responseDefinition().withStatus(429)
                    .withHeader("Retry-After", "0").build()),
            new Failure("slow after", true, () -> ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("{\"success\": true}")
                    .withFixedDelay(1_500).build()));

    private final ForwardToSandbox forward;
    private final String createPath;
    private final double failureRate;
    private final Random random = new Random(20261129);
    private final AtomicInteger failed = new AtomicInteger();

    public ChaosProvider(ForwardToSandbox forward, String createPath, double failureRate) {
        this.forward = forward;
        this.createPath = createPath;
        this.failureRate = failureRate;
    }

    public int failed() {
        return failed.get();
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        if (!event.getRequest().getUrl().startsWith(createPath) || nextDouble() >= failureRate) {
            return forward.transform(event);
        }
        failed.incrementAndGet();
        Failure failure = FAILURES.get(nextInt(FAILURES.size()));
        if (failure.actsFirst()) {
            forward.transform(event);
        }
        return failure.answer().get();
    }

    private synchronized double nextDouble() {
        return random.nextDouble();
    }

    private synchronized int nextInt(int bound) {
        return random.nextInt(bound);
    }

    private static ResponseDefinition fault(Fault fault) {
        return ResponseDefinitionBuilder.responseDefinition().withFault(fault).build();
    }

    private static ResponseDefinition answer(int status, String contentType, String body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", contentType).withBody(body).build();
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }
}
