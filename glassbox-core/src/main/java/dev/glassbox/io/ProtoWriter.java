package dev.glassbox.io;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Protocol Buffers' wire format written field by field: what {@link OnnxExport} needs. */
final class ProtoWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    ProtoWriter varint(int field, long value) {
        tag(field, ProtoReader.VARINT);
        raw(value);
        return this;
    }

    ProtoWriter float32(int field, float value) {
        tag(field, ProtoReader.FIXED32);
        int bits = Float.floatToRawIntBits(value);
        for (int k = 0; k < 4; k++) {
            out.write(bits >>> (8 * k));
        }
        return this;
    }

    ProtoWriter string(int field, String text) {
        return bytes(field, text.getBytes(StandardCharsets.UTF_8));
    }

    ProtoWriter bytes(int field, byte[] bytes) {
        tag(field, ProtoReader.LENGTH);
        raw(bytes.length);
        out.write(bytes, 0, bytes.length);
        return this;
    }

    ProtoWriter message(int field, ProtoWriter message) {
        return bytes(field, message.toByteArray());
    }

    /** A packed run of varints, as proto3 writes repeated numbers. */
    ProtoWriter packed(int field, long[] values) {
        ProtoWriter run = new ProtoWriter();
        for (long v : values) {
            run.raw(v);
        }
        return bytes(field, run.toByteArray());
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void tag(int field, int wireType) {
        raw((long) field << 3 | wireType);
    }

    private void raw(long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }
}
