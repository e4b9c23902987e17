package dev.glassbox.data;

import java.util.Arrays;

/**
 * The content of one IDX file: its dimensions and its unsigned bytes, row-major (the last
 * dimension varies fastest). MNIST's training images are {@code dims = [60000, 28, 28]} and
 * {@code data.length = 47,040,000}; its labels are {@code dims = [60000]}.
 *
 * <p>{@code dims} is copied; {@code data} is <em>not</em> copied (it can be tens of megabytes) and
 * the accessor returns the same array, so treat it as read-only. Because of the arrays,
 * {@code equals} is identity, as for any record holding arrays.
 *
 * @param dims 1 to 4 sizes, each ≥ 0
 * @param data exactly the product of {@code dims} bytes
 */
public record IdxArray(int[] dims, byte[] data) {
    public IdxArray {
        if (dims == null || data == null) {
            throw new IllegalArgumentException("IdxArray: dims and data must not be null");
        }
        if (dims.length < 1 || dims.length > 4) {
            throw new IllegalArgumentException("IdxArray: expected 1 to 4 dimensions, got " + dims.length);
        }
        dims = dims.clone();
        long count = 1;
        for (int dim : dims) {
            if (dim < 0) {
                throw new IllegalArgumentException("IdxArray: negative dimension in " + Arrays.toString(dims));
            }
            count = Math.multiplyExact(count, dim);
        }
        if (count != data.length) {
            throw new IllegalArgumentException("IdxArray: dimensions " + Arrays.toString(dims) + " need " + count
                    + " bytes, got " + data.length);
        }
    }

    @Override
    public int[] dims() {
        return dims.clone();
    }

    public int rank() {
        return dims.length;
    }

    public int dim(int axis) {
        return dims[axis];
    }

    /** Element {@code index} (row-major) as 0..255. */
    public int unsigned(int index) {
        return Byte.toUnsignedInt(data[index]);
    }

    /** e.g. "60000x28x28". */
    public String shape() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            s.append(i == 0 ? "" : "x").append(dims[i]);
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return "IdxArray[" + shape() + " unsigned bytes]";
    }
}
