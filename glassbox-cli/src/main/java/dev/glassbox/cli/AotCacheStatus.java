package dev.glassbox.cli;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The ahead-of-time cache that the launcher hands the JVM on JDK 25 and newer
 * ({@code -XX:AOTCache=FILE}), as {@code glassbox info} reports it. A JVM that cannot use the file
 * runs without it and, with the launcher's logging options, says nothing: this line is where a
 * refused cache shows. Not a check of the cache's contents; the JVM does that when it maps the file.
 */
final class AotCacheStatus {
    private static final String OPTION = "-XX:AOTCache=";

    private AotCacheStatus() {}

    /** This JVM's cache, from its arguments and {@code java.vm.info}. */
    static String describe() {
        return describe(ManagementFactory.getRuntimeMXBean().getInputArguments(),
                System.getProperty("java.vm.info", ""));
    }

    /**
     * @param jvmArguments the JVM's options, as {@code RuntimeMXBean.getInputArguments()} lists them
     * @param vmInfo {@code java.vm.info}: it says "sharing" when the JVM mapped a class archive, and a JVM
     *     given a cache it cannot map shares nothing, not even the JDK's default archive
     */
    static String describe(List<String> jvmArguments, String vmInfo) {
        String file = null;
        for (String argument : jvmArguments) {
            if (argument.startsWith(OPTION)) {
                file = argument.substring(OPTION.length()); // the last one counts, as for the JVM
            }
        }
        if (file == null) {
            return "no AOT cache";
        }
        return vmInfo.contains("sharing")
                ? "AOT cache " + file
                : "AOT cache " + file + " refused by the JVM (JAVA_OPTS=-Xlog:aot says why)";
    }
}
