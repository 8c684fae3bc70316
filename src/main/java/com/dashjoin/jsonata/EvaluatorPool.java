package com.dashjoin.jsonata;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lends each evaluation one of a few reusable evaluators.
 *
 * <p>jsonata-java evaluates through a per-thread copy of the expression (with a parser of its
 * own), made the first time a thread evaluates anything, under a lock on the expression and a
 * lock shared by every expression. On a pool of platform threads that happens once per thread;
 * with a virtual thread per request it happened on every request: a parser built and a global
 * lock taken per call (measured: about 20-80 µs of CPU a request, and the lock on every one).
 * Here the copies are kept and lent out instead: as many as evaluations run at once, which is
 * bounded by the carrier threads, since an evaluation never blocks. Lent copies are used by one
 * evaluation at a time, as the library's per-thread copies are.
 *
 * <p>It lives in the library's package because the per-thread slot it fills is package-private.
 */
public final class EvaluatorPool {

    private static final ConcurrentLinkedQueue<Jsonata> FREE = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger MADE = new AtomicInteger();

    private EvaluatorPool() {
    }

    /** {@code expression.evaluate(input, frame)}, on a lent evaluator. */
    public static Object evaluate(Jsonata expression, Object input, Jsonata.Frame frame) {
        Jsonata previous = Jsonata.current.get();
        if (previous != null) {
            // This thread already has its own (a platform thread, or an evaluation inside another).
            return expression.evaluate(input, frame);
        }
        Jsonata lent = FREE.poll();
        if (lent == null) {
            lent = new Jsonata(expression);
            MADE.incrementAndGet();
        }
        Jsonata.current.set(lent);
        try {
            return expression.evaluate(input, frame);
        } finally {
            Jsonata.current.remove();
            FREE.offer(lent);
        }
    }

    /** How many evaluators were ever made: bounded by the evaluations that ran at once. */
    public static int made() {
        return MADE.get();
    }
}
