package dev.glassbox.data;

import static dev.glassbox.testkit.IdxBytes.gzip;
import static dev.glassbox.testkit.IdxBytes.idx;
import static dev.glassbox.testkit.IdxBytes.ramp;
import static dev.glassbox.testkit.IdxBytes.ubyte;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IdxTest {
    private static final long MAX_U32 = 0xFFFF_FFFFL;
    private static final long MAX_INT = Integer.MAX_VALUE;

    /** Asserts reading {@code content} fails with {@code fragment}, naming it {@code name}. */
    private static void assertRejected(String name, byte[] content, String fragment) {
        assertThatThrownBy(() -> Idx.read(content, name))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(name + ": ")
                .hasMessageContaining(fragment);
    }

    @Test
    void rawRoundTrip() {
        byte[] data = ramp(3 * 2 * 5);
        IdxArray array = read("images-idx3-ubyte", ubyte(new int[] {3, 2, 5}, data));
        assertThat(array.dims()).containsExactly(3, 2, 5);
        assertThat(array.data()).isEqualTo(data);
        assertThat(array.shape()).isEqualTo("3x2x5");
    }

    @Test
    void gzipIsDetectedByMagicNotName() {
        byte[] data = ramp(300);
        byte[] file = ubyte(new int[] {300}, data);
        // A gzip file without .gz and a raw file with .gz: the bytes decide, not the name.
        assertThat(read("labels.raw", gzip(file)).data()).isEqualTo(data);
        assertThat(read("labels.gz", file).data()).isEqualTo(data);
    }

    @Test
    void readsAllRanksAndEmptyArrays() {
        for (int rank = 1; rank <= 4; rank++) {
            int[] dims = new int[rank];
            Arrays.fill(dims, 3);
            int count = (int) Math.pow(3, rank);
            assertThat(read("rank" + rank, ubyte(dims, ramp(count))).dims()).containsExactly(dims);
        }
        assertThat(read("empty", ubyte(new int[] {0, 28, 28}, new byte[0])).data()).isEmpty();
    }

    @Test
    void readsFromStreams() {
        byte[] data = ramp(12);
        byte[] file = ubyte(new int[] {3, 4}, data);
        assertThat(Idx.read(new ByteArrayInputStream(file), "raw").data()).isEqualTo(data);
        assertThat(Idx.read(new ByteArrayInputStream(gzip(file)), "gz").data()).isEqualTo(data);
        assertThatThrownBy(() -> Idx.read(new ByteArrayInputStream(Arrays.copyOf(file, 14)), "cut"))
                .isInstanceOf(DatasetException.class)
                .hasMessage("cut: truncated: header declares 12 bytes of pixels, stream has 2. "
                        + "The file is incomplete; restore it or re-download");
    }

    @Test
    void rejectsTruncatedHeaders() {
        assertRejected("empty-file", new byte[0], "truncated header: expected a 4-byte IDX magic number, got 0 bytes");
        assertRejected("three-bytes", new byte[] {0, 0, 8}, "truncated header");
        byte[] header = ubyte(new int[] {60000, 28, 28}, new byte[0]);
        assertRejected("cut-dims", Arrays.copyOf(header, 9), "truncated header: 3 dimensions need 12 bytes");
        assertRejected("cut-dims.gz", gzip(Arrays.copyOf(header, 9)), "truncated header");
    }

    @Test
    void rejectsTruncatedData() {
        byte[] file = ubyte(new int[] {60000, 28, 28}, new byte[0]);
        byte[] cut = Arrays.copyOf(file, file.length + 1000);
        assertRejected("train-images", cut, "truncated: header declares 47040000 bytes of pixels, file has 1000");
        assertRejected("train-images.gz", gzip(cut),
                "truncated: header declares 47040000 bytes of pixels, gzip stream has 1000");
        assertRejected("labels", ubyte(new int[] {10}, ramp(4)), "header declares 10 bytes of labels, file has 4");
    }

    @Test
    void rejectsGzipCutMidStream() {
        byte[] noise = new byte[10_000];
        new Random(1).nextBytes(noise); // incompressible, so half the gzip file is about half the data
        byte[] complete = gzip(ubyte(new int[] {100, 100}, noise));
        assertRejected("cut.gz", Arrays.copyOf(complete, complete.length / 2), "truncated: header declares 10000");
    }

    @Test
    void rejectsWrongMagicAndTypes() {
        byte[] good = ubyte(new int[] {4}, ramp(4));
        byte[] wrongMagic = good.clone();
        wrongMagic[0] = 1;
        assertRejected("wrong-magic", wrongMagic, "not an IDX file: expected magic 00 00 08 0N, got 01 00 08 01");
        assertRejected("png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}, "not an IDX file");
        assertRejected("int32", idx(0x0C, new long[] {1}, new byte[4]),
                "dtype 0x0C (int32) is not supported; Glassbox reads unsigned-byte IDX files");
        assertRejected("float64", idx(0x0E, new long[] {1}, new byte[8]), "dtype 0x0E (float64) is not supported");
        assertRejected("bogus-type", idx(0x07, new long[] {1}, new byte[1]), "unknown dtype 0x07");
    }

    @Test
    void rejectsRanksOutside1To4() {
        assertRejected("rank0", idx(8, new long[0], new byte[0]), "expected 1 to 4 dimensions, got 0");
        assertRejected("rank5", idx(8, new long[] {1, 1, 1, 1, 1}, new byte[1]), "expected 1 to 4 dimensions, got 5");
    }

    @Test
    void rejectsAbsurdDimensionsWithoutAllocating() {
        assertRejected("u32-max", idx(8, new long[] {MAX_U32}, new byte[0]),
                "dimension 0 is 4294967295, expected below 2^31");
        // (2^31 − 1)² wraps to 1 in int arithmetic: with one data byte a careless reader would accept it.
        assertRejected("square", idx(8, new long[] {MAX_INT, MAX_INT}, new byte[1]),
                "header declares 4611686014132420609 bytes (2147483647x2147483647), more than the 1 GiB");
        assertRejected("overflow", idx(8, new long[] {MAX_INT, MAX_INT, MAX_INT, 4}, new byte[1]),
                "dimensions 2147483647x2147483647x2147483647x4 overflow a 64-bit element count");
        // 100 GB declared, a few bytes present: refused from the header, raw or gzip, no OutOfMemoryError.
        byte[] huge = idx(8, new long[] {100_000, 1000, 1000}, new byte[16]);
        assertRejected("100GB", huge, "header declares 100000000000 bytes (100000x1000x1000), more than the 1 GiB");
        assertRejected("100GB.gz", gzip(huge), "header declares 100000000000 bytes");
    }

    @Test
    void aLyingGzipHeaderWithinTheLimitDoesNotAllocateItAll() {
        // 1 GiB declared in a few bytes of gzip: the reader grows its buffer as data arrives.
        assertRejected("1GiB.gz", gzip(idx(8, new long[] {1024, 1024, 1024}, new byte[5])),
                "truncated: header declares 1073741824 bytes of pixels, gzip stream has 5");
    }

    @Test
    void rejectsTrailingData() {
        byte[] file = ubyte(new int[] {2, 2}, ramp(4));
        byte[] longer = Arrays.copyOf(file, file.length + 3);
        assertRejected("trailing", longer, "trailing data: header declares 4 bytes of pixels, file has 7");
        assertRejected("trailing.gz", gzip(longer), "trailing data after the declared 4 bytes of pixels");
    }

    @Test
    void rejectsCorruptGzip() {
        byte[] gz = gzip(ubyte(new int[] {50, 50}, ramp(2500)));
        byte[] badBlock = gz.clone();
        badBlock[10] = (byte) 0xFF; // first deflate block: BFINAL=1, BTYPE=11, which is reserved
        assertRejected("bad-block.gz", badBlock, "corrupt gzip data (invalid block type)");
        byte[] badCrc = gz.clone();
        badCrc[gz.length - 8] ^= 1; // the CRC-32 in the trailer
        assertRejected("bad-crc.gz", badCrc, "corrupt gzip data (Corrupt GZIP trailer)");
        assertRejected("header-only.gz", new byte[] {0x1f, (byte) 0x8b}, "truncated gzip stream");
    }

    @Test
    void headerGivesBackTheBytesBeforeTheData() {
        byte[] file = ubyte(new int[] {3, 2, 5}, ramp(30));
        IdxArray array = Idx.read(file, "images");
        assertThat(Idx.header(array)).isEqualTo(Arrays.copyOf(file, 16));
    }

    private static IdxArray read(String name, byte[] content) {
        return Idx.read(content, name);
    }

    @Test
    void idxArrayValidatesItsShape() {
        assertThatThrownBy(() -> new IdxArray(new int[] {2, 3}, new byte[5]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need 6 bytes, got 5");
        assertThatThrownBy(() -> new IdxArray(new int[0], new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 4 dimensions");
        int[] dims = {1, 2};
        IdxArray array = new IdxArray(dims, new byte[2]);
        dims[0] = 7;
        assertThat(array.dims()).containsExactly(1, 2);
    }
}
