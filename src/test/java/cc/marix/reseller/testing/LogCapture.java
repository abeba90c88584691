package cc.marix.reseller.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/**
 * Every log record of the test JVM (the functions run in it) while installed on the root logger, whatever the
 * console shows: the loggers' own levels decide what is written, as in a deployed function.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final List<LeakScan.Line> lines = new CopyOnWriteArrayList<>();
    private final List<ExtLogRecord> records = new CopyOnWriteArrayList<>();

    private LogCapture() {
        setLevel(Level.ALL);
    }

    public static LogCapture install() {
        LogCapture capture = new LogCapture();
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    public List<LeakScan.Line> lines() {
        return List.copyOf(lines);
    }

    /** The records themselves, with the MDC they were logged under, for a formatter to render. */
    public List<ExtLogRecord> records() {
        return List.copyOf(records);
    }

    @Override
    public void publish(LogRecord record) {
        StringBuilder text = new StringBuilder(message(record));
        if (record.getParameters() != null) {
            // the parameters too: a formatter pattern could print one the message text does not show
            for (Object parameter : record.getParameters()) {
                text.append(" | ").append(parameter);
            }
        }
        for (Throwable thrown = record.getThrown(); thrown != null; thrown = thrown.getCause()) {
            text.append(" | ").append(thrown);
        }
        lines.add(new LeakScan.Line(String.valueOf(record.getLoggerName()), text.toString()));
        if (record instanceof ExtLogRecord ext) {
            // the MDC is read now, on the thread and in the request context that logged it, as a handler would
            ext.copyAll();
            records.add(ext);
        }
    }

    private static String message(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            return String.valueOf(ext.getFormattedMessage());
        }
        return String.valueOf(record.getMessage());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
