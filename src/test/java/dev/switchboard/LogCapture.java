package dev.switchboard;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Takes what some loggers write during a test, instead of the test output: for warnings a
 * test provokes on purpose, which it then checks rather than prints.
 */
public final class LogCapture implements AutoCloseable {

    private final List<Logger> loggers = new ArrayList<>();
    private final List<Level> levels = new ArrayList<>();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture(List<String> names) {
        appender.start();
        for (String name : names) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            levels.add(logger.getLevel());
            logger.setLevel(Level.INFO); // the tests' configuration prints errors only
            logger.addAppender(appender);
            logger.setAdditive(false);
            loggers.add(logger);
        }
    }

    public static LogCapture of(String... loggerNames) {
        return new LogCapture(List.of(loggerNames));
    }

    public List<ILoggingEvent> events() {
        synchronized (appender.list) {
            return List.copyOf(appender.list);
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < loggers.size(); i++) {
            loggers.get(i).detachAppender(appender);
            loggers.get(i).setAdditive(true);
            loggers.get(i).setLevel(levels.get(i));
        }
        appender.stop();
    }
}
