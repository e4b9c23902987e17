package dev.glassbox.cli;

import dev.glassbox.io.RunSettings;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Which of {@code train}'s options a checkpoint carries — those that set up the run, from
 * {@link RunOptions} plus {@code --checkpoint-every}; none names a file — and turning them into
 * {@link RunSettings} and back into options.
 */
final class RunSettingOptions {
    private RunSettingOptions() {}

    /** The option names (without dashes) a checkpoint of {@code train} may carry. */
    static Set<String> names(CommandSpec train) {
        Set<String> names = new TreeSet<>();
        for (OptionSpec option : train.mixins().get("options").options()) {
            names.add(option.longestName().substring(2));
        }
        names.remove("threads"); // results do not depend on it; the machine resuming decides
        names.add("checkpoint-every");
        return names;
    }

    /** The run's settings as parsed into {@code train}: every run setting's value, given or default. */
    static RunSettings of(CommandSpec train) {
        Set<String> names = names(train);
        Map<String, String> values = new TreeMap<>();
        for (OptionSpec option : train.options()) {
            String name = option.longestName().substring(2);
            if (!names.contains(name)) {
                continue;
            }
            List<String> given = option.originalStringValues();
            String value = !given.isEmpty() ? given.get(given.size() - 1) : option.defaultValue();
            if (value != null) {
                values.put(name, value);
            }
        }
        return new RunSettings(values);
    }

    /** The settings as options; {@code --name=value}, so that a value starting with a dash stays a value. */
    static List<String> asArgs(RunSettings settings) {
        return settings.values().entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
    }
}
