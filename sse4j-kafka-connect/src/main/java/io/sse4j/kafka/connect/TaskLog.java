package io.sse4j.kafka.connect;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The connector's logger for one task: SLF4J, Connect's own logging API, so that its lines land
 * in the worker's log, follow the worker's log4j configuration, and can be raised or lowered at
 * run time with {@code PUT /admin/loggers/io.sse4j.kafka.connect}.
 *
 * <p>It carries Connect's logging context to other threads. A worker puts the connector and task
 * ({@code [name|task-0] }, under the MDC key {@code connector.context}) in SLF4J's MDC on the
 * thread that runs a task; the event sources decide on reconnects on the HTTP client's threads
 * and sse4j's scheduler thread, where the MDC is empty. So this keeps a copy of the MDC of the
 * thread that makes it (the task's, in {@code start}) and sets it around each line it logs,
 * restoring the thread's own afterwards. Thread-safe; a line that is not enabled costs a level
 * check.
 */
final class TaskLog {

    private final Logger logger;
    private final Map<String, String> context;

    private TaskLog(Logger logger, Map<String, String> context) {
        this.logger = logger;
        this.context = context;
    }

    /** A log under {@code name}'s logger, with the logging context of the calling thread. */
    static TaskLog capture(Class<?> name) {
        return new TaskLog(LoggerFactory.getLogger(name), MDC.getCopyOfContextMap());
    }

    void debug(String format, Object... args) {
        if (logger.isDebugEnabled()) {
            inContext(() -> logger.debug(format, args));
        }
    }

    void info(String format, Object... args) {
        if (logger.isInfoEnabled()) {
            inContext(() -> logger.info(format, args));
        }
    }

    void warn(String format, Object... args) {
        if (logger.isWarnEnabled()) {
            inContext(() -> logger.warn(format, args));
        }
    }

    void error(String format, Object... args) {
        if (logger.isErrorEnabled()) {
            inContext(() -> logger.error(format, args));
        }
    }

    private void inContext(Runnable line) {
        Map<String, String> own = MDC.getCopyOfContextMap();
        if (context == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(context);
        }
        try {
            line.run();
        } finally {
            if (own == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(own);
            }
        }
    }
}
