package dev.switchboard;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Runs the same call from many threads at once and gathers the answers in order. */
public final class Concurrently {

    private Concurrently() {
    }

    public static <T> List<T> run(int count, IntFunction<T> call) throws Exception {
        var pool = Executors.newFixedThreadPool(count);
        try {
            var tasks = new ArrayList<Callable<T>>();
            for (int i = 0; i < count; i++) {
                int index = i;
                tasks.add(() -> call.apply(index));
            }
            var results = new ArrayList<T>();
            for (Future<T> future : pool.invokeAll(tasks)) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }
}
