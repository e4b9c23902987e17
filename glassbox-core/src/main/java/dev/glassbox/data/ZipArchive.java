package dev.glassbox.data;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A zip file's entries, read from its bytes: the central directory (ZIP64 included), then each
 * entry's data on request — stored, or deflated and inflated here. Made for a folder of images a
 * user hands to a web page, which is why it distrusts the file:
 * <ul>
 * <li>every offset and size is checked against the bytes before it is used;
 * <li>at most {@value #MAX_ENTRIES} entries, each at most {@value #MAX_ENTRY_BYTES} bytes
 *     unpacked and {@value #MAX_TOTAL_BYTES} in all, by the sizes the directory declares — refused
 *     before anything is inflated;
 * <li>an entry never inflates past its declared size (a bomb that lies about its size stops
 *     there), and its CRC-32 must match;
 * <li>entries may not share or overlap their data (the "overlapping files" bomb, where many
 *     entries point at one highly compressed kernel).
 * </ul>
 * Encrypted entries and compression other than stored or deflate are refused by name. Entry names
 * are data only: nothing here touches files.
 */
public final class ZipArchive {
    /** Most entries an archive may list. */
    public static final int MAX_ENTRIES = 1_000_000;
    /** Most bytes one entry may unpack to (a 25-megapixel PNG is far smaller). */
    public static final long MAX_ENTRY_BYTES = 64L << 20;
    /** Most bytes all entries together may unpack to. */
    public static final long MAX_TOTAL_BYTES = 2L << 30;

    private static final int LOCAL_HEADER = 0x04034b50;
    private static final int CENTRAL_HEADER = 0x02014b50;
    private static final int END = 0x06054b50;
    private static final int END64 = 0x06064b50;
    private static final int END64_LOCATOR = 0x07064b50;
    private static final int END_SIZE = 22;
    private static final int STORED = 0;
    private static final int DEFLATED = 8;

    /**
     * One entry as the central directory lists it.
     *
     * @param name           its path in the archive, {@code /}-separated ({@code \} read as {@code /})
     * @param method         0 stored, 8 deflated
     * @param compressedSize bytes of data in the archive
     * @param size           bytes it unpacks to
     * @param crc            CRC-32 of the unpacked bytes
     * @param headerOffset   where its local header starts
     */
    public record Entry(String name, int method, long compressedSize, long size, long crc, long headerOffset) {
        /** A folder entry: its name ends with {@code /}. */
        public boolean isFolder() {
            return name.endsWith("/");
        }
    }

    private final byte[] bytes;
    private final String name;
    private final List<Entry> entries;
    private final long[] dataOffsets;

    private ZipArchive(byte[] bytes, String name, List<Entry> entries, long[] dataOffsets) {
        this.bytes = bytes;
        this.name = name;
        this.entries = entries;
        this.dataOffsets = dataOffsets;
    }

    /**
     * Reads the directory of the zip file in {@code bytes} (kept, not copied, and not modified).
     *
     * @param name what messages call the archive, e.g. its file name
     * @throws DatasetException {@code name: problem}, for anything that is not a well-formed zip
     *         within the limits above
     */
    public static ZipArchive read(byte[] bytes, String name) {
        return new Reader(bytes, name).read();
    }

    /** The entries in directory order. */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * The unpacked bytes of entry {@code index} of {@link #entries()}.
     *
     * @throws DatasetException if its data is damaged: bad deflate data, a size or CRC-32 that
     *         differs from the directory's
     */
    public byte[] bytes(int index) {
        Entry entry = entries.get(index);
        int from = (int) dataOffsets[index];
        int length = (int) entry.compressedSize();
        byte[] out;
        if (entry.method() == STORED) {
            out = Arrays.copyOfRange(bytes, from, from + length);
        } else {
            out = inflate(entry, from, length);
        }
        CRC32 crc = new CRC32();
        crc.update(out, 0, out.length);
        if (crc.getValue() != entry.crc()) {
            throw new DatasetException(name + ": " + entry.name() + " is damaged (its CRC-32 does not match)");
        }
        return out;
    }

    private byte[] inflate(Entry entry, int from, int length) {
        int size = (int) entry.size();
        // One byte of room more than declared: data that goes on past the declared size shows there.
        byte[] out = new byte[size + 1];
        Inflater inflater = new Inflater(true);
        try {
            // One byte past the data, as Inflater asks of raw deflate ("nowrap"); some inflaters fail
            // at a stream's very end without it. The directory follows the data, so the byte exists.
            inflater.setInput(bytes, from, length + 1);
            int done = 0;
            while (done < out.length && !inflater.finished()) {
                int n = inflater.inflate(out, done, out.length - done);
                if (n == 0) {
                    break; // out of input, or wanting a dictionary: short, reported below
                }
                done += n;
            }
            if (done > size) {
                throw new DatasetException(name + ": " + entry.name() + " unpacks to more than the " + size
                        + " bytes the directory declares; refused (a zip bomb?)");
            }
            if (done < size || !inflater.finished()) {
                throw new DatasetException(name + ": " + entry.name() + " is damaged (it unpacks to " + done
                        + " bytes, the directory says " + size + ")");
            }
            return Arrays.copyOf(out, size);
        } catch (DataFormatException e) {
            throw new DatasetException(name + ": " + entry.name() + " is damaged (" + e.getMessage() + ")", e);
        } finally {
            inflater.end();
        }
    }

    /** The directory's parser: one pass, every read bounds-checked. */
    private static final class Reader {
        private final byte[] bytes;
        private final String name;

        Reader(byte[] bytes, String name) {
            this.bytes = bytes;
            this.name = name;
        }

        ZipArchive read() {
            int end = findEnd();
            long count = u16(end + 10);
            long directorySize = u32(end + 12);
            long directoryOffset = u32(end + 16);
            if (count == 0xFFFF || directorySize == 0xFFFFFFFFL || directoryOffset == 0xFFFFFFFFL) {
                long[] zip64 = zip64End(end);
                count = zip64[0];
                directorySize = zip64[1];
                directoryOffset = zip64[2];
            }
            if (count == 0) {
                throw fail("an empty zip archive: it holds no files");
            }
            if (count > MAX_ENTRIES) {
                throw fail("lists " + count + " entries, expected at most " + MAX_ENTRIES);
            }
            if (directoryOffset < 0 || directorySize < 0 || directoryOffset + directorySize > end) {
                throw fail("its directory (" + directorySize + " bytes at " + directoryOffset
                        + ") lies outside the file; it is damaged or cut short");
            }
            // Each directory record takes at least 46 bytes: a count the directory cannot hold is a lie.
            if (count * 46 > directorySize) {
                throw fail("lists " + count + " entries in a directory of " + directorySize + " bytes; it is damaged");
            }
            List<Entry> entries = new ArrayList<>((int) count);
            int at = (int) directoryOffset;
            long total = 0;
            for (int i = 0; i < count; i++) {
                Entry entry = entry(at, (int) (directoryOffset + directorySize));
                at += 46 + u16(at + 28) + u16(at + 30) + u16(at + 32);
                if (!entry.isFolder()) {
                    total += entry.size();
                    if (total > MAX_TOTAL_BYTES) {
                        throw fail("its files unpack to more than " + MAX_TOTAL_BYTES + " bytes in all; refused"
                                + " (a zip bomb, or too much for a page)");
                    }
                }
                entries.add(entry);
            }
            return new ZipArchive(bytes, name, List.copyOf(entries), dataOffsets(entries, directoryOffset));
        }

        /** The end-of-directory record: the last signature whose comment reaches the end of the file. */
        private int findEnd() {
            int last = bytes.length - END_SIZE;
            int first = Math.max(0, last - 0xFFFF);
            int found = -1;
            for (int p = last; p >= first; p--) {
                if (u32(p) == END) {
                    if (p + END_SIZE + u16(p + 20) == bytes.length) {
                        return p;
                    }
                    if (found < 0) {
                        found = p;
                    }
                }
            }
            if (found < 0) {
                throw fail("not a zip archive (no end-of-directory record)");
            }
            return found;
        }

        /** ZIP64's count, directory size and offset, from the record the locator before {@code end} points at. */
        private long[] zip64End(int end) {
            int locator = end - 20;
            if (locator < 0 || u32(locator) != END64_LOCATOR) {
                throw fail("its directory needs ZIP64 sizes, but the ZIP64 locator is missing; it is damaged");
            }
            long offset = u64(locator + 8);
            if (offset < 0 || offset + 56 > locator) {
                throw fail("its ZIP64 end record (at " + offset + ") lies outside the file; it is damaged");
            }
            int record = (int) offset;
            if (u32(record) != END64) {
                throw fail("no ZIP64 end record where its locator points; it is damaged");
            }
            long count = u64(record + 32);
            long size = u64(record + 40);
            long directory = u64(record + 48);
            if (count < 0 || size < 0 || directory < 0) {
                throw fail("its ZIP64 end record holds sizes past 2^63; it is damaged");
            }
            if (directory + size > record) {
                throw fail("its directory (" + size + " bytes at " + directory + ") lies outside the file");
            }
            return new long[] {count, size, directory};
        }

        private Entry entry(int at, int directoryEnd) {
            if (at + 46 > directoryEnd || u32(at) != CENTRAL_HEADER) {
                throw fail("its directory is damaged (no entry record at byte " + at + ")");
            }
            int flags = u16(at + 8);
            int method = u16(at + 10);
            long crc = u32(at + 16);
            long compressed = u32(at + 20);
            long size = u32(at + 24);
            int nameLength = u16(at + 28);
            int extraLength = u16(at + 30);
            int commentLength = u16(at + 32);
            long header = u32(at + 42);
            if ((long) at + 46 + nameLength + extraLength + commentLength > directoryEnd) {
                throw fail("its directory is damaged (an entry runs past it)");
            }
            String entryName = text(at + 46, nameLength, (flags & 0x800) != 0).replace('\\', '/');
            if (entryName.isEmpty()) {
                throw fail("an entry has no name; the archive is damaged");
            }
            // ZIP64: the sizes and offset that do not fit 32 bits follow, in this order, in extra field 1.
            if (compressed == 0xFFFFFFFFL || size == 0xFFFFFFFFL || header == 0xFFFFFFFFL) {
                long[] wide = zip64Extra(at + 46 + nameLength, extraLength, entryName,
                        size == 0xFFFFFFFFL, compressed == 0xFFFFFFFFL, header == 0xFFFFFFFFL);
                size = size == 0xFFFFFFFFL ? wide[0] : size;
                compressed = compressed == 0xFFFFFFFFL ? wide[1] : compressed;
                header = header == 0xFFFFFFFFL ? wide[2] : header;
            }
            if ((flags & 1) != 0) {
                throw fail(entryName + " is encrypted; pack the folder without a password");
            }
            if (method != STORED && method != DEFLATED) {
                throw fail(entryName + " uses compression method " + method + "; expected stored (0) or deflate (8)."
                        + " Pack the folder with a standard zip tool");
            }
            if (size < 0 || compressed < 0 || header < 0) {
                throw fail(entryName + ": sizes past 2^63; the archive is damaged");
            }
            if (size > MAX_ENTRY_BYTES) {
                throw fail(entryName + " unpacks to " + size + " bytes, expected at most " + MAX_ENTRY_BYTES);
            }
            if (method == STORED && compressed != size) {
                throw fail(entryName + " is stored with " + compressed + " bytes but declares " + size
                        + "; the archive is damaged");
            }
            return new Entry(entryName, method, compressed, size, crc, header);
        }

        /** The 64-bit values present in extra field 1 at {@code from}: size, compressed size, header offset. */
        private long[] zip64Extra(int from, int length, String entryName, boolean hasSize, boolean hasCompressed,
                boolean hasHeader) {
            int at = from;
            int end = from + length;
            while (at + 4 <= end) {
                int id = u16(at);
                int fieldLength = u16(at + 2);
                if (at + 4 + fieldLength > end) {
                    break;
                }
                if (id == 1) {
                    long[] values = new long[3];
                    int p = at + 4;
                    boolean[] present = {hasSize, hasCompressed, hasHeader};
                    for (int k = 0; k < 3; k++) {
                        if (present[k]) {
                            if (p + 8 > at + 4 + fieldLength) {
                                throw fail(entryName + ": its ZIP64 sizes are cut short; the archive is damaged");
                            }
                            values[k] = u64(p);
                            p += 8;
                        }
                    }
                    return values;
                }
                at += 4 + fieldLength;
            }
            throw fail(entryName + ": its sizes need ZIP64, but its ZIP64 field is missing; the archive is damaged");
        }

        /**
         * Where each entry's data starts, after its local header; checks that the data lies before
         * the directory and that no two entries share bytes.
         */
        private long[] dataOffsets(List<Entry> entries, long directoryOffset) {
            int n = entries.size();
            long[] data = new long[n];
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                Entry e = entries.get(i);
                long header = e.headerOffset();
                if (header + 30 > directoryOffset || u32((int) header) != LOCAL_HEADER) {
                    throw fail(e.name() + ": no local header at byte " + header + "; the archive is damaged");
                }
                data[i] = header + 30 + u16((int) header + 26) + u16((int) header + 28);
                if (data[i] + e.compressedSize() > directoryOffset) {
                    throw fail(e.name() + ": its data runs past the end of the files; the archive is damaged or cut"
                            + " short");
                }
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingLong(i -> entries.get(i).headerOffset()));
            for (int k = 1; k < n; k++) {
                int before = order[k - 1];
                int after = order[k];
                if (data[before] + entries.get(before).compressedSize() > entries.get(after).headerOffset()) {
                    throw fail(entries.get(before).name() + " and " + entries.get(after).name()
                            + " share their data; refused (overlapping entries are a zip bomb's trick)");
                }
            }
            return data;
        }

        /** UTF-8 when the entry says so or decodes as such; otherwise each byte as Latin-1. */
        private String text(int from, int length, boolean utf8) {
            String decoded = new String(bytes, from, length, StandardCharsets.UTF_8);
            if (utf8 || decoded.indexOf('\uFFFD') < 0) {
                return decoded;
            }
            return new String(bytes, from, length, StandardCharsets.ISO_8859_1);
        }

        private int u16(int at) {
            check(at, 2);
            return (bytes[at] & 0xFF) | (bytes[at + 1] & 0xFF) << 8;
        }

        private long u32(int at) {
            check(at, 4);
            return (u16(at) | (long) u16(at + 2) << 16) & 0xFFFFFFFFL;
        }

        private long u64(int at) {
            check(at, 8);
            return u32(at) | u32(at + 4) << 32;
        }

        private void check(int at, int length) {
            if (at < 0 || at > bytes.length - length) {
                throw fail("cut short: a record runs past the end of the file");
            }
        }

        private DatasetException fail(String problem) {
            return new DatasetException(name + ": " + problem);
        }
    }
}
