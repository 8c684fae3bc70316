package dev.switchboard.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Access lines written from one thread in batches: whole, all of them, each request's in order. */
class LineWriterTest {

    @Test
    void linesFromAThousandRequestsArriveWholeAndInEachRequestsOrder() throws Exception {
        PrintStream original = System.out;
        var captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            LineWriter writer = LineWriter.toStandardOutput();
            try (var requests = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int r = 0; r < 1_000; r++) {
                    int request = r;
                    requests.submit(() -> {
                        for (int line = 0; line < 10; line++) {
                            writer.accept("{\"request\":" + request + ",\"line\":" + line + ",\"pad\":\"" + "x".repeat(200) + "\"}");
                        }
                    });
                }
            }
            String text = "";
            for (int waited = 0; waited < 100; waited++) {
                text = captured.toString(StandardCharsets.UTF_8);
                if (text.split("\n", -1).length > 10_000) {
                    break;
                }
                Thread.sleep(50);
            }
            String[] lines = text.split("\n");
            assertEquals(10_000, lines.length, "every line written once");
            Map<Integer, Integer> next = new HashMap<>();
            for (String line : lines) {
                assertTrue(line.matches("\\{\"request\":\\d+,\"line\":\\d,\"pad\":\"x{200}\"}"), "a whole line: " + line);
                int request = Integer.parseInt(line.substring(11, line.indexOf(',')));
                int number = line.charAt(line.indexOf("\"line\":") + 7) - '0';
                assertEquals(next.getOrDefault(request, 0), number, "request " + request + "'s lines in order");
                next.put(request, number + 1);
            }
        } finally {
            System.setOut(original);
        }
    }
}
