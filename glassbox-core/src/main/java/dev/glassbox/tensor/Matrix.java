package dev.glassbox.tensor;

import java.util.Arrays;

/**
 * A dense row-major matrix of {@code float}: element (r, c) lives at {@code data[r * cols + c]}.
 *
 * <p>A batch of samples is a matrix with one sample per row, so a layer with {@code in} inputs
 * receives a (batch, in) matrix. The backing array is exposed on purpose: kernels work on it
 * directly. The shape never changes; the values are mutable and every method that changes them
 * says so.
 */
public final class Matrix {
    private final int rows;
    private final int cols;
    private final float[] data;

    private Matrix(int rows, int cols, float[] data) {
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /** A new (rows, cols) matrix of zeros. */
    public static Matrix zeros(int rows, int cols) {
        return new Matrix(rows, cols, new float[checkedSize(rows, cols)]);
    }

    /** Wraps {@code data} (not copied) as a (rows, cols) matrix. */
    public static Matrix wrap(int rows, int cols, float[] data) {
        int size = checkedSize(rows, cols);
        if (data.length != size) {
            throw new IllegalArgumentException(
                    "Matrix.wrap: expected " + size + " values for a " + rows + "x" + cols + " matrix, got "
                            + data.length);
        }
        return new Matrix(rows, cols, data);
    }

    /** A (rows, cols) matrix copied from a rectangular array of rows; handy in tests and examples. */
    public static Matrix of(float[]... values) {
        int cols = values.length == 0 ? 0 : values[0].length;
        Matrix m = zeros(values.length, cols);
        for (int r = 0; r < values.length; r++) {
            if (values[r].length != cols) {
                throw new IllegalArgumentException(
                        "Matrix.of: row " + r + " has " + values[r].length + " values, expected " + cols);
            }
            System.arraycopy(values[r], 0, m.data, r * cols, cols);
        }
        return m;
    }

    /** A (rows, cols) matrix of values drawn uniformly from [-scale, scale). */
    public static Matrix random(int rows, int cols, float scale, Rng random) {
        Matrix m = zeros(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = (random.nextFloat() * 2 - 1) * scale;
        }
        return m;
    }

    private static int checkedSize(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("Matrix: negative shape " + rows + "x" + cols);
        }
        long size = (long) rows * cols;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "Matrix: " + rows + "x" + cols + " has " + size + " elements, more than a Java array holds");
        }
        return (int) size;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public int size() {
        return data.length;
    }

    /** The backing array, row-major. Writing to it changes this matrix. */
    public float[] data() {
        return data;
    }

    public float get(int row, int col) {
        return data[index(row, col)];
    }

    /** Sets one element (modifies this matrix). */
    public void set(int row, int col, float value) {
        data[index(row, col)] = value;
    }

    private int index(int row, int col) {
        if (row < 0 || row >= rows || col < 0 || col >= cols) {
            throw new IndexOutOfBoundsException("(" + row + ", " + col + ") outside " + shape());
        }
        return row * cols + col;
    }

    /** Copies one row into a new array. */
    public float[] row(int row) {
        return Arrays.copyOfRange(data, row * cols, row * cols + cols);
    }

    /** Sets every element to zero (modifies this matrix). */
    public void fillZero() {
        Arrays.fill(data, 0f);
    }

    /** Copies {@code source}'s values into this matrix (modifies this matrix). */
    public void copyFrom(Matrix source) {
        requireSameShape("Matrix.copyFrom", source);
        System.arraycopy(source.data, 0, data, 0, data.length);
    }

    public Matrix copy() {
        return new Matrix(rows, cols, data.clone());
    }

    /** Throws unless {@code other} has this matrix's shape; {@code where} names the caller in the message. */
    public void requireSameShape(String where, Matrix other) {
        if (other.rows != rows || other.cols != cols) {
            throw new IllegalArgumentException(where + ": expected shape " + shape() + ", got " + other.shape());
        }
    }

    /** "(rows, cols)", as used in error messages. */
    public String shape() {
        return "(" + rows + ", " + cols + ")";
    }

    @Override
    public String toString() {
        return "Matrix" + shape();
    }
}
