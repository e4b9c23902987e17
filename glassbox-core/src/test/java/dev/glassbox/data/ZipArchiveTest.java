package dev.glassbox.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The zip reader: archives as Java's own writer makes them (stored, deflated, ZIP64) read back
 * byte for byte; damaged and hostile archives — bombs among them — refused with one line before
 * anything large is allocated.
 */
class ZipArchiveTest {

    /** A zip of {@code files} (name → bytes), deflated unless {@code stored}. */
    static byte[] zip(Map<String, byte[]> files, boolean stored) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                ZipEntry entry = new ZipEntry(file.getKey());
                if (stored) {
                    CRC32 crc = new CRC32();
                    crc.update(file.getValue());
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(file.getValue().length);
                    entry.setCompressedSize(file.getValue().length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(file.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static Map<String, byte[]> sample() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("cat/", new byte[0]);
        files.put("cat/a.png", "the bytes of a".getBytes(StandardCharsets.UTF_8));
        byte[] repetitive = new byte[100_000];
        Arrays.fill(repetitive, (byte) 7);
        files.put("dog/b.png", repetitive);
        files.put("dog/ü.png", new byte[0]);
        return files;
    }

    @Test
    void readsDeflatedAndStoredEntriesBackExactly() throws IOException {
        for (boolean stored : new boolean[] {false, true}) {
            Map<String, byte[]> files = sample();
            ZipArchive archive = ZipArchive.read(zip(files, stored), "x.zip");
            assertThat(archive.entries()).extracting(ZipArchive.Entry::name).containsExactlyElementsOf(files.keySet());
            assertThat(archive.entries().get(0).isFolder()).isTrue();
            for (int i = 0; i < files.size(); i++) {
                assertThat(archive.bytes(i)).isEqualTo(files.values().toArray(new byte[0][])[i]);
            }
            assertThat(archive.entries().get(2).method()).isEqualTo(stored ? 0 : 8);
            if (!stored) {
                assertThat(archive.entries().get(2).compressedSize()).isLessThan(1000); // deflate at work
            }
        }
    }

    @Test
    void readsZip64ArchivesOfMoreThan65535Entries() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < 70_000; i++) {
            files.put("c" + (i % 2) + "/" + i + ".png", new byte[] {(byte) i});
        }
        ZipArchive archive = ZipArchive.read(zip(files, true), "many.zip");
        assertThat(archive.entries()).hasSize(70_000);
        assertThat(archive.entries().get(69_999).name()).isEqualTo("c1/69999.png");
        assertThat(archive.bytes(69_999)).containsExactly((byte) 69_999);
    }

    @Test
    void aCommentAfterTheDirectoryIsAllowed() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setComment("a comment that holds PK\u0005\u0006 itself");
            zip.putNextEntry(new ZipEntry("a/b.png"));
            zip.write(1);
            zip.closeEntry();
        }
        assertThat(ZipArchive.read(out.toByteArray(), "c.zip").bytes(0)).containsExactly(1);
    }

    @Test
    void refusesWhatIsNoZipOrAnEmptyOne() throws IOException {
        assertThatThrownBy(() -> ZipArchive.read(new byte[0], "e.zip"))
                .isInstanceOf(DatasetException.class).hasMessage("e.zip: not a zip archive (no end-of-directory record)");
        assertThatThrownBy(() -> ZipArchive.read("col1,col2\n1,2\n".getBytes(StandardCharsets.UTF_8), "t.zip"))
                .isInstanceOf(DatasetException.class).hasMessageContaining("not a zip archive");
        assertThatThrownBy(() -> ZipArchive.read(zip(Map.of(), false), "empty.zip"))
                .isInstanceOf(DatasetException.class).hasMessage("empty.zip: an empty zip archive: it holds no files");
    }

    @Test
    void refusesAnArchiveCutShortAnywhere() throws IOException {
        byte[] whole = zip(sample(), false);
        for (int length = 0; length < whole.length; length++) {
            byte[] cut = Arrays.copyOf(whole, length);
            assertThatThrownBy(() -> {
                ZipArchive archive = ZipArchive.read(cut, "cut.zip");
                for (int i = 0; i < archive.entries().size(); i++) {
                    archive.bytes(i);
                }
            }).as("cut at %d", length).isInstanceOf(DatasetException.class).hasMessageStartingWith("cut.zip: ");
        }
    }

    @Test
    void refusesADirectoryOutsideTheFileOrACountItCannotHold() throws IOException {
        byte[] bytes = zip(sample(), false);
        int end = endRecord(bytes);
        byte[] far = bytes.clone();
        le32(far, end + 16, 1_000_000_000);
        assertThatThrownBy(() -> ZipArchive.read(far, "z.zip"))
                .isInstanceOf(DatasetException.class).hasMessageContaining("lies outside the file");
        byte[] many = bytes.clone();
        le16(many, end + 8, 60_000);
        le16(many, end + 10, 60_000);
        assertThatThrownBy(() -> ZipArchive.read(many, "z.zip"))
                .isInstanceOf(DatasetException.class).hasMessageContaining("lists 60000 entries in a directory of");
    }

    @Test
    void refusesEncryptedEntriesAndOtherCompression() throws IOException {
        byte[] bytes = zip(sample(), false);
        int first = directory(bytes);
        byte[] encrypted = bytes.clone();
        encrypted[first + 8] |= 1;
        assertThatThrownBy(() -> ZipArchive.read(encrypted, "z.zip"))
                .isInstanceOf(DatasetException.class).hasMessage("z.zip: cat/ is encrypted; pack the folder without a"
                        + " password");
        byte[] bzip2 = bytes.clone();
        le16(bzip2, first + 10, 12);
        assertThatThrownBy(() -> ZipArchive.read(bzip2, "z.zip"))
                .isInstanceOf(DatasetException.class).hasMessageStartingWith("z.zip: cat/ uses compression method 12;");
    }

    @Test
    void refusesDeclaredSizesPastTheLimitsBeforeUnpacking() throws IOException {
        byte[] bytes = zip(sample(), false);
        int record = directoryRecord(bytes, "dog/b.png");
        byte[] huge = bytes.clone();
        le32(huge, record + 24, (int) ZipArchive.MAX_ENTRY_BYTES + 1);
        assertThatThrownBy(() -> ZipArchive.read(huge, "bomb.zip"))
                .isInstanceOf(DatasetException.class)
                .hasMessage("bomb.zip: dog/b.png unpacks to " + (ZipArchive.MAX_ENTRY_BYTES + 1)
                        + " bytes, expected at most " + ZipArchive.MAX_ENTRY_BYTES);

        // Many entries each within the limit, too much together: refused from the directory alone.
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            files.put("a/" + i + ".png", new byte[] {1});
        }
        byte[] many = zip(files, false);
        for (int i = 0; i < 40; i++) {
            le32(many, directoryRecord(many, "a/" + i + ".png") + 24, (int) ZipArchive.MAX_ENTRY_BYTES);
        }
        assertThatThrownBy(() -> ZipArchive.read(many, "bomb.zip"))
                .isInstanceOf(DatasetException.class)
                .hasMessage("bomb.zip: its files unpack to more than " + ZipArchive.MAX_TOTAL_BYTES + " bytes in all;"
                        + " refused (a zip bomb, or too much for a page)");
    }

    @Test
    void anEntryThatUnpacksPastItsDeclaredSizeStopsThere() throws IOException {
        // 50 MB of zeros deflate to about 50 KB; the directory claims 1,000 bytes.
        byte[] zeros = new byte[50_000_000];
        byte[] bytes = zip(Map.of("a/zeros.png", zeros), false);
        byte[] lying = bytes.clone();
        le32(lying, directoryRecord(lying, "a/zeros.png") + 24, 1000);
        ZipArchive archive = ZipArchive.read(lying, "bomb.zip");
        assertThatThrownBy(() -> archive.bytes(0))
                .isInstanceOf(DatasetException.class)
                .hasMessage("bomb.zip: a/zeros.png unpacks to more than the 1000 bytes the directory declares; refused"
                        + " (a zip bomb?)");
        assertThat(bytes.length).isLessThan(100_000);
    }

    @Test
    void refusesEntriesThatShareTheirData() throws IOException {
        // The "overlapping files" bomb: two directory records pointing at one local entry.
        byte[] bytes = zip(sample(), false);
        byte[] overlapping = bytes.clone();
        int b = directoryRecord(overlapping, "dog/b.png");
        int a = directoryRecord(overlapping, "cat/a.png");
        le32(overlapping, b + 42, u32(overlapping, a + 42));
        assertThatThrownBy(() -> ZipArchive.read(overlapping, "o.zip"))
                .isInstanceOf(DatasetException.class).hasMessageContaining("share their data; refused");
    }

    @Test
    void refusesDamagedDataByItsCrcOrItsDeflateStream() throws IOException {
        Map<String, byte[]> files = Map.of("a/x.png", "0123456789".getBytes(StandardCharsets.UTF_8));
        byte[] stored = zip(files, true);
        int at = indexOf(stored, "0123456789".getBytes(StandardCharsets.UTF_8));
        stored[at] = 'X';
        ZipArchive archive = ZipArchive.read(stored, "d.zip");
        assertThatThrownBy(() -> archive.bytes(0))
                .isInstanceOf(DatasetException.class).hasMessage("d.zip: a/x.png is damaged (its CRC-32 does not match)");

        byte[] deflated = zip(sample(), false);
        int record = directoryRecord(deflated, "dog/b.png");
        int local = (int) u32(deflated, record + 42);
        int data = local + 30 + u16(deflated, local + 26) + u16(deflated, local + 28);
        deflated[data] = (byte) 0xFF; // an invalid block type
        ZipArchive broken = ZipArchive.read(deflated, "d.zip");
        int index = broken.entries().stream().map(ZipArchive.Entry::name).toList().indexOf("dog/b.png");
        assertThatThrownBy(() -> broken.bytes(index))
                .isInstanceOf(DatasetException.class).hasMessageStartingWith("d.zip: dog/b.png is damaged");
    }

    // ---- patching archives ----

    private static int endRecord(byte[] bytes) {
        for (int p = bytes.length - 22; p >= 0; p--) {
            if (u32(bytes, p) == 0x06054b50L) {
                return p;
            }
        }
        throw new AssertionError("no end record");
    }

    private static int directory(byte[] bytes) {
        return (int) u32(bytes, endRecord(bytes) + 16);
    }

    /** The offset of the directory record of {@code name}. */
    private static int directoryRecord(byte[] bytes, String name) {
        int at = directory(bytes);
        while (u32(bytes, at) == 0x02014b50L) {
            int nameLength = u16(bytes, at + 28);
            if (new String(bytes, at + 46, nameLength, StandardCharsets.UTF_8).equals(name)) {
                return at;
            }
            at += 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
        }
        throw new AssertionError("no record of " + name);
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    private static int u16(byte[] b, int at) {
        return ByteBuffer.wrap(b, at, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xFFFF;
    }

    private static long u32(byte[] b, int at) {
        return ByteBuffer.wrap(b, at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
    }

    private static void le16(byte[] b, int at, int value) {
        ByteBuffer.wrap(b, at, 2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) value);
    }

    private static void le32(byte[] b, int at, long value) {
        ByteBuffer.wrap(b, at, 4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) value);
    }
}
