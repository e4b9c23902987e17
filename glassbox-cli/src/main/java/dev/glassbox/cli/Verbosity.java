package dev.glassbox.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --verbose}, accepted by every command. */
final class Verbosity {
    @Option(names = "--verbose", description = "Print stack traces with errors.", scope = CommandLine.ScopeType.INHERIT)
    boolean verbose;

    /** Whether --verbose was given to this command or one of its parents. */
    static boolean verbose(CommandLine cmd) {
        for (CommandLine c = cmd; c != null; c = c.getParent()) {
            for (Object mixin : c.getMixins().values()) {
                if (mixin instanceof Verbosity v && v.verbose) {
                    return true;
                }
            }
        }
        return false;
    }
}
