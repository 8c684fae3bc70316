package dev.switchboard.mapping;

import com.dashjoin.jsonata.EvaluatorPool;
import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One JSONata expression from a definition file, compiled once at load.
 *
 * <p>Every evaluation gets a fresh frame: a shared frame carries bindings from one call
 * into the next and gives wrong answers under concurrency. The frame's runtime bounds
 * stop a pathological input from holding a worker thread.
 */
public final class Mapping {

    private static final long TIMEOUT_MS = 1_000;
    private static final int MAX_DEPTH = 200;

    private final String source;
    private final Jsonata expression;

    private Mapping(String source, Jsonata expression) {
        this.source = source;
        this.expression = expression;
    }

    /** @param source where the text came from, named in every error */
    public static Mapping compile(String source, String text) throws MappingException {
        try {
            Jsonata expression = Jsonata.jsonata(text);
            expression.registerFunction("parseJson", (Jsonata.Fn1<Object, Object>) Mapping::parseJson);
            return new Mapping(source, expression);
        } catch (JException | IllegalArgumentException e) {
            throw new MappingException(source + ": invalid JSONata: " + e.getMessage());
        }
    }

    public String source() {
        return source;
    }

    /** Evaluates against plain JSON values; empty when the expression yields nothing. */
    public Optional<Object> evaluate(Map<String, Object> input) throws MappingException {
        var frame = expression.createFrame();
        var bounds = new RuntimeBounds();
        frame.setEvaluateEntryCallback((expression, value, environment) -> bounds.enter());
        frame.setEvaluateExitCallback((expression, value, environment, result) -> bounds.exit());
        Object result;
        try {
            result = EvaluatorPool.evaluate(expression, input, frame);
        } catch (RuntimeException e) {
            // The message names the expression's fault, never the input's values.
            throw new MappingException(source + ": evaluation failed: " + e.getMessage());
        }
        return Optional.ofNullable(plain(result));
    }

    /**
     * {@code $parseJson(text)}: a JSON document held in a string (Teamtailor's activity
     * {@code data}), or nothing when it is not one. Unlike {@code $eval} it runs no expression
     * a provider might have put there.
     */
    private static Object parseJson(Object text) {
        if (!(text instanceof String json)) {
            return null;
        }
        return Json.tryParse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)).orElse(null);
    }

    /** JSONata's own list and null types turned back into plain JSON values. */
    private static Object plain(Object value) {
        if (value == null || value == Jsonata.NULL_VALUE) {
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            var copy = new LinkedHashMap<String, Object>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            var copy = new ArrayList<Object>(list.size());
            list.forEach(v -> copy.add(plain(v)));
            return copy;
        }
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return d.longValue();
        }
        return value;
    }

    @Override
    public String toString() {
        return "Mapping[" + source + "]";
    }

    /**
     * The frame's runtime bounds, counted here rather than by the library's own timebox: that
     * one skips the depth count on leaving a step evaluated in a parallel frame but not on
     * entering it, so a page of 100 items whose objects hold lists of objects "overflowed"
     * a depth of 200 that it never reached. Here every entry is matched by its exit.
     */
    private static final class RuntimeBounds {

        /**
         * The clock is read every this many steps, not at each: read at each of the few hundred
         * steps of a create's answer mapping, it took a third of the mapping's time. An
         * expression runs far fewer than this many steps in a millisecond, so the bound still
         * holds to within a millisecond or so.
         */
        private static final int STEPS_PER_CLOCK_READ = 64;

        private final long started = System.nanoTime();
        // One evaluation runs on one thread: the library calls these from the evaluating thread only.
        private int depth;
        private int steps;

        void enter() {
            if (++depth > MAX_DEPTH) {
                throw new IllegalStateException("nested deeper than " + MAX_DEPTH + " steps");
            }
            if (++steps % STEPS_PER_CLOCK_READ == 0
                    && System.nanoTime() - started > TIMEOUT_MS * 1_000_000) {
                throw new IllegalStateException("ran longer than " + TIMEOUT_MS + " ms");
            }
        }

        void exit() {
            depth--;
        }
    }
}
