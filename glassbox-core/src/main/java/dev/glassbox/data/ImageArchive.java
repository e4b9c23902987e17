package dev.glassbox.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A zip of a folder of labelled images ({@link ImageClasses}' layout), as a user packs one to open
 * it in a web page: {@code digits.zip} holding {@code 0/a.png, 1/b.png, …}, or the folder itself
 * ({@code digits/0/a.png, …}: one folder at the top with nothing beside it is stepped into). macOS's
 * {@code __MACOSX/} copies and hidden names are ignored. The host checks each image's declared size
 * ({@link ImageHeader}) and decodes it, so a decoder never sees a bomb — and {@link ZipArchive}
 * keeps the archive itself from being one.
 */
public final class ImageArchive {
    private static final String HINT = "The zip must hold one folder of images per class (cat/*.png, dog/*.jpg, ...)";

    private final ZipArchive zip;
    private final String name;
    private final ImageClasses classes;
    private final int[] entries;

    private ImageArchive(ZipArchive zip, String name, ImageClasses classes, int[] entries) {
        this.zip = zip;
        this.name = name;
        this.classes = classes;
        this.entries = entries;
    }

    /**
     * Lists the images in the zip file {@code bytes} (kept, not modified).
     *
     * @param name what messages call the archive, e.g. its file name
     * @throws DatasetException naming the problem: not a zip, a damaged or hostile one, or not a
     *         folder of classes
     */
    public static ImageArchive read(byte[] bytes, String name) {
        ZipArchive zip = ZipArchive.read(bytes, name);
        List<String> paths = new ArrayList<>();
        Map<String, Integer> entryOf = new HashMap<>();
        for (int i = 0; i < zip.entries().size(); i++) {
            String path = normal(zip.entries().get(i).name());
            if (path.isEmpty() || path.equals("__MACOSX/") || path.startsWith("__MACOSX/")) {
                continue;
            }
            if (entryOf.putIfAbsent(path, i) != null && !path.endsWith("/")) {
                throw new DatasetException(name + ": lists " + path + " twice; the archive is damaged");
            }
            paths.add(path);
        }
        String root = soleFolder(paths);
        if (root != null) {
            List<String> inside = new ArrayList<>();
            Map<String, Integer> insideOf = new HashMap<>();
            for (String path : paths) {
                String below = path.substring(root.length());
                if (!below.isEmpty()) {
                    inside.add(below);
                    insideOf.putIfAbsent(below, entryOf.get(path));
                }
            }
            paths = inside;
            entryOf = insideOf;
        }
        ImageClasses classes = ImageClasses.of(paths, root == null ? name : name + "/" + root.substring(0,
                root.length() - 1), HINT);
        int[] entries = new int[classes.images().size()];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = entryOf.get(classes.images().get(i));
        }
        return new ImageArchive(zip, name, classes, entries);
    }

    /** The classes, the images in sample order and their labels. */
    public ImageClasses classes() {
        return classes;
    }

    /** How many images. */
    public int size() {
        return entries.length;
    }

    /** Image {@code i}'s path, {@code class/…}, as messages name it. */
    public String file(int i) {
        return classes.images().get(i);
    }

    /** Image {@code i} as messages name it: {@code archive: class/…}. */
    public String where(int i) {
        return name + ": " + file(i);
    }

    /**
     * Image {@code i}'s file bytes, unpacked. Their declared size is the caller's to check
     * ({@link ImageHeader#of}) before a decoder sees them: a bad image may be skipped, a bad
     * archive never is.
     *
     * @throws DatasetException {@code archive: class/…: problem}, for damaged or hostile zip data
     */
    public byte[] bytes(int i) {
        return zip.bytes(entries[i]);
    }

    /** A path with {@code /} separators, no leading {@code /} and no empty parts; folders keep their {@code /}. */
    private static String normal(String path) {
        StringBuilder out = new StringBuilder();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                out.append(out.isEmpty() ? "" : "/").append(part);
            }
        }
        return out.isEmpty() || !path.endsWith("/") ? out.toString() : out + "/";
    }

    /** {@code "root/"} when every path lies in that one folder (hidden names aside), else null. */
    private static String soleFolder(List<String> paths) {
        String root = null;
        for (String path : paths) {
            if (path.startsWith(".")) {
                continue;
            }
            int slash = path.indexOf('/');
            if (slash < 0) {
                return null;
            }
            String top = path.substring(0, slash + 1);
            if (root != null && !root.equals(top)) {
                return null;
            }
            root = top;
        }
        if (root == null) {
            return null;
        }
        // Step in only when the folder holds folders: a lone class folder is reported as such.
        for (String path : paths) {
            if (path.startsWith(root) && path.indexOf('/', root.length()) >= 0) {
                return root;
            }
        }
        return null;
    }
}
