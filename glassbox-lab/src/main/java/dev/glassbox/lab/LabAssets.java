package dev.glassbox.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The page's files, bundled in the jar: served by the lab server, and copied as they are into a
 * static site. One page and one set of scripts for both back ends.
 */
public final class LabAssets {
    /** Where the page's files are on the class path. */
    static final String ROOT = "/dev/glassbox/lab/static";
    /** Chart.js, drawn by the Train panel; the page loads it as {@value #CHART_PATH}. */
    static final String CHART_RESOURCE = "/META-INF/resources/webjars/chart.js/4.5.1/dist/chart.umd.min.js";
    static final String CHART_PATH = "vendor/chart.umd.min.js";

    /** Every file of the page, relative to its folder (a test checks the list against the folder). */
    public static final List<String> FILES = List.of(
            "index.html",
            "lab.css",
            "js/api.js",
            "js/backprop.js",
            "js/colors.js",
            "js/diagnostics.js",
            "js/draw.js",
            "js/engine-worker.js",
            "js/engine.js",
            "js/inputs.js",
            "js/inspector.js",
            "js/landscape.js",
            "js/main.js",
            "js/model.js",
            "js/network-view.js",
            "js/state.js",
            "js/svg.js",
            "js/train.js",
            "js/why.js");

    private LabAssets() {}

    /**
     * The bytes of the page's file {@code path} (one of {@link #FILES}, or {@value #CHART_PATH}).
     *
     * @throws IllegalArgumentException for any other path
     */
    public static byte[] read(String path) {
        String resource = path.equals(CHART_PATH) ? CHART_RESOURCE
                : FILES.contains(path) ? ROOT + "/" + path : null;
        if (resource == null) {
            throw new IllegalArgumentException("LabAssets: no page file " + path);
        }
        try (InputStream in = LabAssets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("LabAssets: " + resource + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file a static site needs from the page: {@link #FILES} and the chart library. */
    public static List<String> siteFiles() {
        return java.util.stream.Stream.concat(FILES.stream(), java.util.stream.Stream.of(CHART_PATH)).toList();
    }
}
