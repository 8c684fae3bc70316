package dev.switchboard.observability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Writes the access log's lines to standard output from one thread of its own, in batches.
 *
 * <p>Written by each request itself, every line was one write system call under standard
 * output's lock: with a thousand requests finishing together, they queued on that lock one
 * write at a time. Here a request only queues its line; the writer takes every line waiting,
 * writes them in one call and flushes. An idle server's line is written at once (the writer
 * waits for the first line, not for a batch to fill); a busy server's lines go out together.
 * Each batch is one write on {@link System#out}, under its lock, so application log lines
 * written there never land inside an access line.
 *
 * <p>The queue is bounded: when standard output is slower than the requests, requests wait
 * to queue their line, as they waited to write it before, and no memory piles up.
 */
public final class LineWriter implements Consumer<String> {

    private static final int CAPACITY = 65_536;
    private static final int MAX_BATCH = 4_096;

    private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(CAPACITY);

    private LineWriter() {
    }

    /** A writer whose thread runs until the process ends. */
    public static LineWriter toStandardOutput() {
        var writer = new LineWriter();
        Thread thread = new Thread(writer::drain, "access-log");
        thread.setDaemon(true);
        thread.start();
        Runtime.getRuntime().addShutdownHook(new Thread(writer::flushWaiting, "access-log-flush"));
        return writer;
    }

    @Override
    public void accept(String line) {
        try {
            lines.put(line);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain() {
        var batch = new ArrayList<String>(MAX_BATCH);
        while (true) {
            try {
                batch.add(lines.take());
            } catch (InterruptedException e) {
                return;
            }
            lines.drainTo(batch, MAX_BATCH - 1);
            write(batch);
            batch.clear();
        }
    }

    /** At shutdown: what is still queued is written, so the last requests' lines are not lost. */
    private void flushWaiting() {
        var batch = new ArrayList<String>();
        lines.drainTo(batch);
        write(batch);
    }

    private static void write(java.util.List<String> batch) {
        if (batch.isEmpty()) {
            return;
        }
        var text = new StringBuilder(batch.size() * 256);
        for (String line : batch) {
            text.append(line).append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        var out = System.out;
        out.write(bytes, 0, bytes.length);
        out.flush();
    }
}
