package dev.glassbox.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Labelled images laid out as folders, one per class, as PyTorch's {@code ImageFolder} and Keras's
 * {@code image_dataset_from_directory} read them — the one rule for a folder on disk and a zip of
 * one alike:
 * <pre>
 *   cat/001.png
 *   cat/more/002.jpg      images anywhere below their class folder
 *   dog/x.JPEG
 * </pre>
 * The class folders, sorted by name, are the classes: label = position. Below each, every
 * {@code .png}, {@code .jpg} or {@code .jpeg} file (any case) is an image of that class, sorted by
 * its path; other files are listed, not read. Names starting with {@code .} (files and folders)
 * are ignored.
 *
 * @param classes    the class folder names, sorted
 * @param images     the images, {@code class/path}, in sample order (class, then path)
 * @param labels     each image's class index
 * @param otherFiles the files that are not images, sorted, in class folders or beside them
 */
public record ImageClasses(List<String> classes, List<String> images, int[] labels, List<String> otherFiles) {
    /** The most classes a folder may have. */
    public static final int MAX_CLASSES = 1000;
    /** File name endings read as images, compared ignoring case. */
    public static final List<String> EXTENSIONS = List.of("png", "jpg", "jpeg");

    public ImageClasses {
        classes = List.copyOf(classes);
        images = List.copyOf(images);
        otherFiles = List.copyOf(otherFiles);
    }

    /**
     * Sorts {@code paths} into classes.
     *
     * @param paths every file below the folder, relative to it, {@code /}-separated; a path ending
     *              in {@code /} names a folder (so that an empty class folder is seen)
     * @param where the folder, as messages name it ({@code where/cat: …})
     * @param hint  what messages about the layout end with, e.g. how to pass such a folder
     * @throws DatasetException for no class folders, fewer than 2 or more than {@value #MAX_CLASSES}
     *         classes, or a class without images
     */
    public static ImageClasses of(List<String> paths, String where, String hint) {
        Map<String, List<String>> imagesOf = new TreeMap<>();
        Map<String, List<String>> othersOf = new TreeMap<>();
        List<String> topFiles = new ArrayList<>();
        for (String path : paths) {
            if (hidden(path)) {
                continue;
            }
            int slash = path.indexOf('/');
            if (slash < 0) {
                topFiles.add(path);
                continue;
            }
            String className = path.substring(0, slash);
            String below = path.substring(slash + 1);
            imagesOf.computeIfAbsent(className, c -> new ArrayList<>());
            othersOf.computeIfAbsent(className, c -> new ArrayList<>());
            if (!below.isEmpty() && !below.endsWith("/")) {
                (isImage(below) ? imagesOf : othersOf).get(className).add(below);
            }
        }
        topFiles.sort(null);
        List<String> classes = new ArrayList<>(imagesOf.keySet());
        if (classes.isEmpty()) {
            throw new DatasetException(where + ": no class folders, found " + count(topFiles.size(), "file")
                    + example(topFiles) + ". " + hint);
        }
        if (classes.size() < 2) {
            throw new DatasetException(where + ": found 1 class folder (" + classes.get(0)
                    + "), expected at least 2: a classifier needs two classes or more. " + hint);
        }
        if (classes.size() > MAX_CLASSES) {
            throw new DatasetException(where + ": found " + classes.size() + " class folders, expected at most "
                    + MAX_CLASSES + ". Is it the folder whose subfolders are the classes?");
        }
        List<String> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> otherFiles = new ArrayList<>(topFiles);
        for (int label = 0; label < classes.size(); label++) {
            String className = classes.get(label);
            List<String> found = imagesOf.get(className);
            List<String> others = othersOf.get(className);
            found.sort(null);
            others.sort(null);
            if (found.isEmpty()) {
                throw new DatasetException(where + "/" + className + ": no images in this class folder: expected "
                        + ".png, .jpg or .jpeg files, " + (others.isEmpty() ? "found nothing"
                                : "found " + count(others.size(), "other file") + example(others))
                        + ". Add images or remove the folder");
            }
            for (String image : found) {
                images.add(className + "/" + image);
                labels.add(label);
            }
            others.forEach(other -> otherFiles.add(className + "/" + other));
        }
        otherFiles.sort(null);
        return new ImageClasses(classes, images, labels.stream().mapToInt(Integer::intValue).toArray(), otherFiles);
    }

    /** Whether {@code name}'s last part ends in one of {@link #EXTENSIONS}, ignoring case. */
    public static boolean isImage(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        int dot = lower.lastIndexOf('.');
        return dot >= 0 && dot > lower.lastIndexOf('/') && EXTENSIONS.contains(lower.substring(dot + 1));
    }

    /** Whether any part of {@code path} ({@code /}-separated) starts with a dot: hidden, so ignored. */
    public static boolean hidden(String path) {
        for (String part : path.split("/")) {
            if (part.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** {@code " (e.g. a.txt)"}, or nothing for no names. */
    private static String example(List<String> names) {
        return names.isEmpty() ? "" : " (e.g. " + names.get(0) + ")";
    }
}
