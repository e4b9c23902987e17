package dev.glassbox.data;

import dev.glassbox.tensor.PortableMath;
import dev.glassbox.tensor.Rng;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Random distortions of training images, drawn afresh for every sample of every epoch: the
 * network sees a slightly different digit each time, as a writer would draw it.
 *
 * <ul>
 *   <li><b>Affine</b>: rotation by up to ±{@code rotate} degrees, scaling by a factor in
 *       [1 − {@code scale}, 1 + {@code scale}], horizontal shear by up to ±{@code shear} (the
 *       tangent of the shear angle), and a shift of up to ±{@code shift} pixels each way, all
 *       about the image's centre.
 *   <li><b>Elastic</b> (Simard, Steinkraus and Platt, 2003): a field of random displacements,
 *       uniform in [−1, 1] for each pixel and direction, smoothed by a Gaussian of width
 *       {@code sigma} pixels and scaled by {@code alpha}: the digit bends locally, like a hand
 *       that wobbles.
 * </ul>
 *
 * Each output pixel is read from the source at its displaced position with bilinear
 * interpolation (outside the image counts as blank). The distortion of a sample depends only on
 * the run's seed, the epoch and the sample's position in it, so training stays reproducible and
 * batches may be filled on several threads. Not an augmentation of labels: a distorted 6 stays
 * a 6, so large rotations (a 6 becoming a 9) are the caller's to avoid.
 *
 * @param rotate maximum rotation in degrees, ≥ 0
 * @param scale maximum relative change of size, in [0, 1)
 * @param shear maximum horizontal shear, ≥ 0
 * @param shift maximum shift in pixels, ≥ 0
 * @param alpha elastic displacement scale in pixels (0: no elastic distortion)
 * @param sigma width of the Gaussian smoothing the elastic field, in pixels (> 0 when alpha is)
 */
public record Augmentation(double rotate, double scale, double shear, double shift, double alpha, double sigma) {

    /** No distortion: the images as they are. */
    public static final Augmentation NONE = new Augmentation(0, 0, 0, 0, 0, 0);

    private static final Map<String, Double> AFFINE_DEFAULTS = Map.of("rotate", 10.0, "scale", 0.1, "shear", 0.2,
            "shift", 2.0);
    /** Simard et al.'s values for MNIST. */
    private static final Map<String, Double> ELASTIC_DEFAULTS = Map.of("alpha", 34.0, "sigma", 4.0);

    public Augmentation {
        require(rotate >= 0 && rotate <= 180, "rotate must be in [0, 180] degrees, got " + rotate);
        require(scale >= 0 && scale < 1, "scale must be in [0, 1), got " + scale);
        require(shear >= 0 && shear <= 2, "shear must be in [0, 2], got " + shear);
        require(shift >= 0 && shift <= 1000, "shift must be in [0, 1000] pixels, got " + shift);
        require(alpha >= 0 && alpha <= 1000, "alpha must be in [0, 1000] pixels, got " + alpha);
        require(alpha == 0 || (sigma >= 0.5 && sigma <= 100), "sigma must be in [0.5, 100] pixels, got " + sigma);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("augmentation: " + message);
        }
    }

    /**
     * Parses {@code none}, {@code affine}, {@code elastic} or {@code affine+elastic}, each part
     * optionally with settings, e.g. {@code affine:rotate=15,shift=3+elastic:alpha=36,sigma=6}.
     * Settings left out take the defaults: rotate 10, scale 0.1, shear 0.2, shift 2; alpha 34,
     * sigma 4 (Simard et al.).
     */
    public static Augmentation parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.equals("none") || s.isEmpty()) {
            return NONE;
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (String part : s.split("\\+")) {
            int colon = part.indexOf(':');
            String kind = colon < 0 ? part : part.substring(0, colon);
            Map<String, Double> defaults = switch (kind) {
                case "affine" -> AFFINE_DEFAULTS;
                case "elastic" -> ELASTIC_DEFAULTS;
                default -> throw new IllegalArgumentException("augmentation '" + text + "': unknown kind '" + kind
                        + "'. Known: none, affine, elastic, affine+elastic (each optionally with :name=value,…)");
            };
            Map<String, Double> given = new LinkedHashMap<>(defaults);
            if (colon >= 0) {
                for (String setting : part.substring(colon + 1).split(",")) {
                    String[] kv = setting.split("=", 2);
                    if (kv.length != 2 || !defaults.containsKey(kv[0].trim())) {
                        throw new IllegalArgumentException("augmentation '" + text + "': '" + setting
                                + "' is not one of " + String.join(", ", defaults.keySet()) + " with =value");
                    }
                    try {
                        given.put(kv[0].trim(), Double.parseDouble(kv[1].trim()));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("augmentation '" + text + "': " + kv[0] + " must be a number,"
                                + " got '" + kv[1] + "'");
                    }
                }
            }
            values.putAll(given);
        }
        return new Augmentation(values.getOrDefault("rotate", 0.0), values.getOrDefault("scale", 0.0),
                values.getOrDefault("shear", 0.0), values.getOrDefault("shift", 0.0), values.getOrDefault("alpha", 0.0),
                values.getOrDefault("sigma", 0.0));
    }

    /** Whether this changes images at all. */
    public boolean enabled() {
        return rotate > 0 || scale > 0 || shear > 0 || shift > 0 || alpha > 0;
    }

    private boolean affine() {
        return rotate > 0 || scale > 0 || shear > 0 || shift > 0;
    }

    /**
     * Distorts one image of {@code data} into {@code out} (pixels scaled to 0–1), drawing from
     * {@code random}.
     *
     * @param out written at {@code [offset, offset + data.features())}
     */
    public void distort(Dataset data, int sample, Rng random, float[] out, int offset) {
        Distorter d = new Distorter();
        d.random.setState(random.nextLong());
        d.distort(this, data, sample, out, offset);
    }

    /**
     * One image through a given distortion: rotated anticlockwise (on screen) by {@code degrees},
     * scaled by {@code s}, sheared horizontally by {@code h}, shifted by (tx, ty) pixels (right
     * and down), then displaced by the elastic field (dx, dy) if given — all about the centre.
     * Each output pixel reads the source where this map sends it back, bilinearly.
     */
    static void transform(Dataset data, int sample, double degrees, double s, double h, double tx, double ty,
            float[] dx, float[] dy, float[] out, int offset) {
        int rows = data.imageRows();
        int cols = data.imageCols();
        // The inverse of p' = R·H·s·p, with R anticlockwise on screen (y down) and H = [[1, h], [0, 1]]:
        // p = (1/s) · H⁻¹ · R⁻¹ · p'.
        double angle = Math.toRadians(degrees);
        double cos = PortableMath.cos(angle);
        double sin = PortableMath.sin(angle);
        double r00 = cos, r01 = -sin, r10 = sin, r11 = cos; // R⁻¹ with y down
        double m00 = (r00 - h * r10) / s;
        double m01 = (r01 - h * r11) / s;
        double m10 = r10 / s;
        double m11 = r11 / s;
        double cx = (cols - 1) / 2.0;
        double cy = (rows - 1) / 2.0;
        int base = sample * rows * cols;
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                double u = x - cx - tx;
                double v = y - cy - ty;
                double sx = m00 * u + m01 * v + cx;
                double sy = m10 * u + m11 * v + cy;
                if (dx != null) {
                    sx += dx[y * cols + x];
                    sy += dy[y * cols + x];
                }
                out[offset + y * cols + x] = bilinear(data, base, rows, cols, sx, sy);
            }
        }
    }

    /** The elastic displacement fields (dx, dy) the generator state {@code seed} gives, for tests and pictures. */
    float[][] elasticField(long seed, int rows, int cols) {
        Distorter d = new Distorter();
        d.random.setState(seed);
        d.field(this, rows, cols);
        return new float[][] {Arrays.copyOf(d.dx, rows * cols), Arrays.copyOf(d.dy, rows * cols)};
    }

    /** The source image at a fractional position, bilinearly, scaled to 0–1; 0 outside. */
    private static float bilinear(Dataset data, int base, int rows, int cols, double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        double value = (1 - fx) * (1 - fy) * data.pixel(base, rows, cols, y0, x0)
                + fx * (1 - fy) * data.pixel(base, rows, cols, y0, x0 + 1)
                + (1 - fx) * fy * data.pixel(base, rows, cols, y0 + 1, x0)
                + fx * fy * data.pixel(base, rows, cols, y0 + 1, x0 + 1);
        return (float) (value * Dataset.PIXEL_SCALE);
    }

    /** The form {@link #parse} reads, e.g. {@code affine:rotate=10.0,scale=0.1,shear=0.2,shift=2.0}. */
    @Override
    public String toString() {
        if (!enabled()) {
            return "none";
        }
        StringBuilder s = new StringBuilder();
        if (affine()) {
            s.append("affine:rotate=").append(rotate).append(",scale=").append(scale).append(",shear=").append(shear)
                    .append(",shift=").append(shift);
        }
        if (alpha > 0) {
            s.append(s.isEmpty() ? "" : "+").append("elastic:alpha=").append(alpha).append(",sigma=").append(sigma);
        }
        return s.toString();
    }
}
