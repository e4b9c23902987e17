package dev.glassbox.testkit;

import dev.glassbox.tensor.Matrix;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the plain-text tensors written by a reference script: one item per line, either
 * {@code name rows cols v1 v2 …} (row-major, as many values as rows × cols) or
 * {@code name = text}; {@code #} starts a comment line.
 */
public final class GoldenFile {
    private final String source;
    private final Map<String, double[]> values = new LinkedHashMap<>();
    private final Map<String, int[]> shapes = new LinkedHashMap<>();
    private final Map<String, String> texts = new LinkedHashMap<>();

    private GoldenFile(String source) {
        this.source = source;
    }

    /** Loads a classpath resource, e.g. {@code /dev/glassbox/golden/golden-input.txt}. */
    public static GoldenFile load(String resource) {
        GoldenFile file = new GoldenFile(resource);
        try (InputStream in = GoldenFile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException(resource + ": not on the test classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                file.parse(line.strip(), number);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
        return file;
    }

    private void parse(String line, int number) {
        if (line.isEmpty() || line.startsWith("#")) {
            return;
        }
        String[] tokens = line.split("\\s+");
        if (tokens.length >= 2 && tokens[1].equals("=")) {
            texts.put(tokens[0], line.substring(line.indexOf('=') + 1).strip());
            return;
        }
        String where = source + " line " + number;
        if (tokens.length < 3) {
            throw new IllegalArgumentException(where + ": expected 'name rows cols values…' or 'name = text'");
        }
        int rows = Integer.parseInt(tokens[1]);
        int cols = Integer.parseInt(tokens[2]);
        if (tokens.length != 3 + rows * cols) {
            throw new IllegalArgumentException(where + ": " + tokens[0] + " is " + rows + "x" + cols + " but has "
                    + (tokens.length - 3) + " values");
        }
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = Double.parseDouble(tokens[3 + i]);
        }
        values.put(tokens[0], v);
        shapes.put(tokens[0], new int[] {rows, cols});
    }

    public boolean has(String name) {
        return values.containsKey(name) || texts.containsKey(name);
    }

    public String text(String name) {
        return require(texts, name);
    }

    /** The values, row-major. */
    public double[] values(String name) {
        return require(values, name).clone();
    }

    public double scalar(String name) {
        double[] v = require(values, name);
        if (v.length != 1) {
            throw new IllegalArgumentException(source + ": " + name + " has " + v.length + " values, expected 1");
        }
        return v[0];
    }

    /** The values rounded to float, with their shape. */
    public Matrix matrix(String name) {
        double[] v = require(values, name);
        int[] shape = shapes.get(name);
        return Matrix.wrap(shape[0], shape[1], GradientCheck.toFloat(v));
    }

    private <T> T require(Map<String, T> map, String name) {
        T value = map.get(name);
        if (value == null) {
            throw new IllegalArgumentException(source + ": no item named '" + name + "'");
        }
        return value;
    }
}
