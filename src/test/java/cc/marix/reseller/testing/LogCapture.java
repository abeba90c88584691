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
