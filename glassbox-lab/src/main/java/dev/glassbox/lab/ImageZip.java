package dev.glassbox.lab;

import dev.glassbox.data.ImageClasses;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A folder of images packed as a zip for the static lab: every PNG or JPEG below a class folder
 * ({@link ImageClasses}' layout), under its path relative to the folder, stored uncompressed —
 * PNG and JPEG are compressed already, and the page unpacks stored entries without inflating.
 * Hidden files and folders, and files that are not images, stay out.
 */
final class ImageZip {
    private ImageZip() {}

    /** Packs the images below {@code folder} into {@code zip} (replaced). */
    static void write(Path folder, Path zip) throws IOException {
        List<String> images = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder, FileVisitOption.FOLLOW_LINKS)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String relative = relative(folder, file);
                if (relative.indexOf('/') > 0 && ImageClasses.isImage(relative) && !ImageClasses.hidden(relative)) {
                    images.add(relative);
                }
            }
        }
        images.sort(null);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(zip));
                ZipOutputStream zipped = new ZipOutputStream(out)) {
            zipped.setMethod(ZipOutputStream.STORED);
            for (String image : images) {
                byte[] bytes = Files.readAllBytes(folder.resolve(image));
                CRC32 crc = new CRC32();
                crc.update(bytes);
                ZipEntry entry = new ZipEntry(image);
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(bytes.length);
                entry.setCompressedSize(bytes.length);
                entry.setCrc(crc.getValue());
                zipped.putNextEntry(entry);
                zipped.write(bytes);
                zipped.closeEntry();
            }
        }
    }

    private static String relative(Path base, Path file) {
        StringBuilder name = new StringBuilder();
        for (Path part : base.relativize(file)) {
            name.append(name.isEmpty() ? "" : "/").append(part);
        }
        return name.toString();
    }
}
