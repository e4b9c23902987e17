package dev.glassbox.io;

import java.nio.charset.StandardCharsets;

/**
 * Protocol Buffers' wire format over a range of bytes, read field by field: the little a reader of
 * ONNX files needs. Every length is checked against the bytes left before anything is read or
 * allocated, so a hostile file fails with a {@link ModelFileException} naming the problem, never
 * with an exception from the JDK or an allocation it cannot make. Like the other codecs it sees
 * bytes only; the host names the file.
 *
 * <pre>{@code
 * ProtoReader r = new ProtoReader(bytes);
 * while (r.next()) {
 *     switch (r.field()) {
 *         case 7 -> graph = readGraph(r.message());
 *         case 1 -> irVersion = r.varint();
 *         default -> r.skip();
 *     }
 * }
 * }</pre>
 */
public final class ProtoReader {
    /** Wire types. */
    public static final int VARINT = 0;
    public static final int FIXED64 = 1;
    public static final int LENGTH = 2;
    public static final int FIXED32 = 5;

    private final byte[] bytes;
    private int at;
    private final int end;
    private int field;
    private int wireType;

    /** Reads all of {@code bytes} (not copied, not modified). */
    public ProtoReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    private ProtoReader(byte[] bytes, int from, int end) {
        this.bytes = bytes;
        this.at = from;
        this.end = end;
    }

    /** Moves to the next field; false at the end of the range. */
    public boolean next() {
        if (at >= end) {
            return false;
        }
        long tag = varint();
        field = (int) (tag >>> 3);
        wireType = (int) (tag & 7);
        if (tag >>> 3 > Integer.MAX_VALUE || field == 0) {
            throw fail("a field number of " + (tag >>> 3));
        }
        return true;
    }

    /** The current field's number. */
    public int field() {
        return field;
    }

    /** The current field's wire type. */
    public int wireType() {
        return wireType;
    }

    /** A varint: the current field's value, or the next value of a packed run. */
    public long varint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at >= end) {
                throw fail("a number cut short (a truncated varint)");
            }
            byte b = bytes[at++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw fail("a varint longer than 10 bytes");
    }

    /** The current field as an int: a varint that must fit 32 bits signed. */
    public int int32() {
        expect(VARINT);
        long v = varint();
        if (v != (int) v) {
            throw fail("field " + field + " holds " + v + ", expected a 32-bit number");
        }
        return (int) v;
    }

    /** The current field as a 64-bit varint. */
    public long int64() {
        expect(VARINT);
        return varint();
    }

    /**
     * The current field's numbers, whether packed (proto3's repeated numbers) or one per field,
     * each handed to {@code each} in order.
     */
    public void varints(java.util.function.LongConsumer each) {
        if (wireType == LENGTH) {
            ProtoReader run = message();
            while (run.remaining() > 0) {
                each.accept(run.varint());
            }
        } else {
            each.accept(int64());
        }
    }

    /** The current field as a float (wire type 5). */
    public float float32() {
        expect(FIXED32);
        return Float.intBitsToFloat(fixed32());
    }

    /** Four little-endian bytes. */
    public int fixed32() {
        need(4);
        int v = (bytes[at] & 0xFF) | (bytes[at + 1] & 0xFF) << 8 | (bytes[at + 2] & 0xFF) << 16 | (bytes[at + 3] & 0xFF) << 24;
        at += 4;
        return v;
    }

    /** Eight little-endian bytes. */
    public long fixed64() {
        long low = fixed32() & 0xFFFFFFFFL;
        return low | (long) fixed32() << 32;
    }

    /** The current field's bytes as a reader of their own (a nested message, or a packed run). */
    public ProtoReader message() {
        int length = length();
        ProtoReader nested = new ProtoReader(bytes, at, at + length);
        at += length;
        return nested;
    }

    /** The current field as UTF-8 text. */
    public String string() {
        int length = length();
        String text = new String(bytes, at, length, StandardCharsets.UTF_8);
        at += length;
        return text;
    }

    /** The current field's bytes, copied. */
    public byte[] bytes() {
        int length = length();
        byte[] copy = new byte[length];
        System.arraycopy(bytes, at, copy, 0, length);
        at += length;
        return copy;
    }

    /** Where the current length-delimited field's bytes start, and how many: for reading them in place. */
    public int[] span() {
        int length = length();
        int[] span = {at, length};
        at += length;
        return span;
    }

    /** The bytes this reader reads from (for {@link #span()}). */
    byte[] source() {
        return bytes;
    }

    /** Bytes left in this reader's range. */
    public int remaining() {
        return end - at;
    }

    /** Passes over the current field. */
    public void skip() {
        switch (wireType) {
            case VARINT -> varint();
            case FIXED64 -> skipBytes(8);
            case LENGTH -> skipBytes(length());
            case FIXED32 -> skipBytes(4);
            default -> throw fail("field " + field + " has wire type " + wireType + ", which this reader does not know"
                    + " (groups are not used by ONNX)");
        }
    }

    private void skipBytes(int n) {
        need(n);
        at += n;
    }

    private int length() {
        expect(LENGTH);
        long length = varint();
        if (length < 0 || length > end - at) {
            throw fail("field " + field + " claims " + length + " bytes, but " + (end - at) + " are left");
        }
        return (int) length;
    }

    private void need(int n) {
        if (end - at < n) {
            throw fail("cut short: " + n + " bytes needed, " + (end - at) + " left");
        }
    }

    private void expect(int type) {
        if (wireType != type) {
            throw fail("field " + field + " has wire type " + wireType + ", expected " + type);
        }
    }

    /** An error about these bytes, as the model codecs report one. */
    public ModelFileException fail(String problem) {
        return ModelFileException.reading("model", null, problem + "; the file is damaged or not ONNX");
    }
}
