package dev.glassbox.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * {@code --threads}: how many threads do the arithmetic. More threads than cores only make them
 * wait for each other (results are the same: they do not depend on the thread count), and
 * thousands would exhaust the process's memory for stacks; so more than {@value #PER_CORE} per
 * core are capped, with a warning.
 */
final class ThreadCount {
    /** Room for machines whose cores run two hardware threads, and for experiments. */
    static final int PER_CORE = 4;

    private ThreadCount() {}

    /** The threads to use: all cores when {@code requested} is null. */
    static int of(Integer requested) {
        int cores = cores();
        if (requested == null) {
            return cores;
        }
        if (requested < 1) {
            throw new UsageException("--threads must be 1 or more, got " + requested);
        }
        return Math.min(requested, cap(cores));
    }

    /** One line on {@code err} when {@code requested} exceeds the cores; nothing otherwise. */
    static void warn(Integer requested, PrintWriter err) {
        int cores = cores();
        if (requested != null && requested > cores) {
            String using = requested > cap(cores)
                    ? String.format(Locale.ROOT, "; using %d (%d per core)", cap(cores), PER_CORE)
                    : "; they will take turns, which is slower than --threads " + cores;
            err.printf(Locale.ROOT, "glassbox: warning: --threads %d is more than the %d cores%s%n", requested,
                    cores, using);
            err.flush();
        }
    }

    private static int cap(int cores) {
        return PER_CORE * cores;
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }
}
