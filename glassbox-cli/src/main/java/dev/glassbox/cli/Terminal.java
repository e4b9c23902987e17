package dev.glassbox.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Whether output goes to a person at a terminal, and progress bars that suit either case. */
final class Terminal {
    private Terminal() {}

    /**
     * True when stdout/stderr are a terminal. Since Java 22, {@link System#console()} exists even
     * when output is redirected, so ask {@code Console.isTerminal()} where it exists.
     */
    static boolean interactive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** A progress bar redrawn in place on the terminal; {@code unit} null counts bytes and shows megabytes. */
    static ProgressBar progressBar(String task, long max, String unit, PrintWriter err) {
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(max)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .showSpeed()
                .setSpeedUnit(ChronoUnit.SECONDS);
        if (unit == null) {
            builder.setUnit(" MB", 1 << 20);
        } else {
            builder.setUnit(unit, 1);
        }
        if (!interactive()) {
            // Logs and CI get whole lines, no carriage returns.
            builder.setUpdateIntervalMillis(10_000).setConsumer(new DelegatingProgressBarConsumer(line -> {
                err.println(line.strip());
                err.flush();
            }, 100));
        }
        return builder.build();
    }

    static String duration(double seconds) {
        Duration d = Duration.ofMillis((long) (seconds * 1000));
        if (d.toMinutes() > 0) {
            return d.toMinutes() + " min " + d.toSecondsPart() + " s";
        }
        return String.format(Locale.ROOT, "%.1f s", seconds);
    }
}
