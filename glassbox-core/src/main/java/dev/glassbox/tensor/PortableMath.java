package dev.glassbox.tensor;

/**
 * The transcendental functions the engine needs — exp, log, tanh, sin, cos, integer powers — written
 * with nothing but IEEE 754 additions, subtractions, multiplications and divisions, so that they
 * give the same bits on every host. {@code Math.exp} and its kin may differ in the last bit between
 * JVMs (intrinsics) and differ outright in a browser's JavaScript engine; the engine's results must
 * not.
 *
 * <p>Each function reduces its argument exactly (Cody–Waite: a constant split into a short high
 * part, whose products with small integers are exact, and a low part), then sums a series in
 * Horner form with more terms than double precision needs. Accuracy, checked against
 * {@link StrictMath} over millions of arguments by the tests: within 1 ulp for exp and log, 2 for expm1, 4 for tanh and 2 for sin and cos (on |x| ≤ 10⁵; beyond, sin and cos lose accuracy, which no
 * caller needs); integer powers within n rounding errors.
 *
 * <p>What it is not: fast. Hot loops that may differ between hosts (the JVM's SIMD kernels) keep
 * their own approximations.
 */
public final class PortableMath {
    private static final double LN2_HI = 6.93147180369123816490e-01; // ln 2 to 33 bits: k·LN2_HI is exact
    private static final double LN2_LO = 1.90821492927058770002e-10; // ln 2 − LN2_HI
    private static final double INV_LN2 = 1.44269504088896338700e+00;
    /** exp overflows above this, and underflows to 0 below {@link #EXP_UNDERFLOW}. */
    private static final double EXP_OVERFLOW = 709.782712893383973096;
    private static final double EXP_UNDERFLOW = -745.13321910194110842;
    /** π/2 in three parts of 33 bits each, for an exact reduction of moderate arguments. */
    private static final double PIO2_1 = 1.57079632673412561417e+00;
    private static final double PIO2_2 = 6.07710050630396597660e-11;
    private static final double PIO2_3 = 2.02226624871116645580e-21;
    private static final double TWO_OVER_PI = 6.36619772367581382433e-01;
    private static final double TWO_OVER_SQRT_PI = 1.12837916709551257390e+00;
    /** 1/n! for n = 0..20: the Taylor coefficients of exp, sin and cos. */
    private static final double[] INVERSE_FACTORIAL = inverseFactorials(20);

    private PortableMath() {}

    /** e<sup>x</sup>. */
    public static double exp(double x) {
        if (x != x) {
            return x;
        }
        if (x > EXP_OVERFLOW) {
            return Double.POSITIVE_INFINITY;
        }
        if (x < EXP_UNDERFLOW) {
            return 0;
        }
        // x = k·ln 2 + r, |r| ≤ ln 2 / 2; e^x = 2^k · e^r.
        double k = Math.floor(x * INV_LN2 + 0.5);
        double r = (x - k * LN2_HI) - k * LN2_LO;
        return scaleByPowerOfTwo(expSeries(r), (int) k);
    }

    /**
     * The error function, erf(x) = 2/√π ∫₀ˣ e^(−t²) dt, by the series of Abramowitz and Stegun
     * 7.1.6, erf(x) = 2/√π · e^(−x²) · Σₙ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)), whose terms are all positive
     * (no cancellation) and shrink by 2x²/(2n+3); beyond |x| = 6, erf is ±1 to double precision.
     * Within 1e-14 of the true value on the tests' table: far below a float's resolution.
     */
    public static double erf(double x) {
        if (x != x) {
            return x;
        }
        double a = Math.abs(x);
        if (a >= 6) {
            return x > 0 ? 1 : -1;
        }
        double a2 = a * a;
        double term = a;
        double sum = a;
        for (int n = 0; term > sum * 1e-17; n++) {
            term *= 2 * a2 / (2 * n + 3);
            sum += term;
        }
        double erf = TWO_OVER_SQRT_PI * exp(-a2) * sum;
        return x < 0 ? -erf : erf;
    }

    /** e<sup>x</sup> − 1, accurate near 0 where {@code exp(x) - 1} would cancel. */
    public static double expm1(double x) {
        if (Math.abs(x) < 1) { // below 1, exp(x) − 1 would lose bits to cancellation; the series does not
            // x + x²/2! + … + x²⁰/20!, in Horner form; the first term left out is below 1e-19.
            double sum = INVERSE_FACTORIAL[20];
            for (int n = 19; n >= 1; n--) {
                sum = sum * x + INVERSE_FACTORIAL[n];
            }
            return sum * x;
        }
        return exp(x) - 1;
    }

    /** The natural logarithm. */
    public static double log(double x) {
        if (x != x || x < 0) {
            return Double.NaN;
        }
        if (x == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return x;
        }
        int extra = 0;
        if (x < Double.MIN_NORMAL) {
            x *= 0x1p54; // subnormal: make it normal, and remember the scaling
            extra = -54;
        }
        long bits = Double.doubleToRawLongBits(x);
        int e = (int) ((bits >>> 52) & 0x7ff) - 1023;
        double m = Double.longBitsToDouble((bits & 0x000f_ffff_ffff_ffffL) | 0x3ff0_0000_0000_0000L); // in [1, 2)
        if (m >= 1.4142135623730951) { // keep m in [√½, √2) so that |s| below is at most 0.172
            m *= 0.5;
            e++;
        }
        e += extra;
        // log m = log(1 + f) = 2·atanh(s) = 2s + 2s³/3 + 2s⁵/5 + …, s = f/(2 + f), f = m − 1 exact (Sterbenz).
        // As fdlibm arranges it: log(1 + f) = f − (f²/2 − s·(f²/2 + R)), R = 2s²/3 + 2s⁴/5 + … + 2s²²/23,
        // so that f is added last and the rounding errors fall on the small terms; the series'
        // remainder (|s| ≤ 0.1716) is under 10⁻²⁰. Within 1 ulp of StrictMath.log in the tests.
        double f = m - 1;
        double s = f / (2 + f);
        double z = s * s;
        double r = 2.0 / 23;
        for (int n = 21; n >= 3; n -= 2) {
            r = r * z + 2.0 / n;
        }
        r *= z;
        double halfSquare = 0.5 * f * f;
        return e * LN2_HI - ((halfSquare - (s * (halfSquare + r) + e * LN2_LO)) - f);
    }

    /** The hyperbolic tangent. */
    public static double tanh(double x) {
        if (x != x) {
            return x;
        }
        double a = Math.abs(x);
        if (a > 22) {
            return Math.copySign(1.0, x); // 1 − tanh(22) is below half an ulp of 1
        }
        // tanh a = (e^{2a} − 1)/(e^{2a} + 1), with expm1 so that small a keeps its precision.
        double t = expm1(2 * a);
        return Math.copySign(t / (t + 2), x);
    }

    /** The logistic function 1/(1 + e<sup>−x</sup>). */
    public static double sigmoid(double x) {
        return 1.0 / (1.0 + exp(-x));
    }

    /** The sine of x radians. */
    public static double sin(double x) {
        return sinCos(x, 0);
    }

    /** The cosine of x radians. */
    public static double cos(double x) {
        return sinCos(x, 1);
    }

    /**
     * {@code base}<sup>n</sup> for an integer exponent, by repeated squaring: IEEE operations in
     * a fixed order, so the same on every host; the relative error stays below n rounding errors.
     */
    public static double pow(double base, long n) {
        if (n < 0) {
            return 1 / pow(base, -n);
        }
        double result = 1;
        double square = base;
        for (long e = n; e > 0; e >>>= 1) {
            if ((e & 1) != 0) {
                result *= square;
            }
            square *= square;
        }
        return result;
    }

    /** e^r for |r| ≤ ln 2 / 2: 1 + r + r²/2! + … + r¹⁷/17!. */
    private static double expSeries(double r) {
        double sum = INVERSE_FACTORIAL[17];
        for (int n = 16; n >= 0; n--) {
            sum = sum * r + INVERSE_FACTORIAL[n];
        }
        return sum;
    }

    /** {@code value · 2^k}, exact unless the result is subnormal; in two steps where 2^k alone would not fit. */
    private static double scaleByPowerOfTwo(double value, int k) {
        if (k > 1023) {
            return value * powerOfTwo(1023) * powerOfTwo(k - 1023);
        }
        if (k < -1022) {
            return value * powerOfTwo(-1022) * powerOfTwo(k + 1022);
        }
        return value * powerOfTwo(k);
    }

    private static double powerOfTwo(int k) {
        return Double.longBitsToDouble((long) (k + 1023) << 52);
    }

    /**
     * sin (shift 0) or cos (shift 1) of x: x = q·π/2 + r with |r| ≤ π/4, then the sine or cosine
     * series of r, chosen and signed by the quadrant q + shift.
     */
    private static double sinCos(double x, int shift) {
        if (x != x || Double.isInfinite(x)) {
            return Double.NaN;
        }
        double q = Math.floor(x * TWO_OVER_PI + 0.5);
        double r = ((x - q * PIO2_1) - q * PIO2_2) - q * PIO2_3;
        int quadrant = (int) (((long) q + shift) & 3);
        double r2 = r * r;
        double value = switch (quadrant) {
            case 0 -> sinSeries(r, r2);
            case 1 -> cosSeries(r2);
            case 2 -> -sinSeries(r, r2);
            default -> -cosSeries(r2);
        };
        return value;
    }

    /** r − r³/3! + r⁵/5! − … − r¹⁹/19!, for |r| ≤ π/4. */
    private static double sinSeries(double r, double r2) {
        double sum = 0;
        for (int n = 19; n >= 3; n -= 2) {
            sum = (sum + ((n / 2) % 2 == 0 ? 1 : -1) * INVERSE_FACTORIAL[n]) * r2;
        }
        return r + r * sum;
    }

    /** 1 − r²/2! + r⁴/4! − … + r²⁰/20!, for |r| ≤ π/4. */
    private static double cosSeries(double r2) {
        double sum = 0;
        for (int n = 20; n >= 2; n -= 2) {
            sum = (sum + ((n / 2) % 2 == 0 ? 1 : -1) * INVERSE_FACTORIAL[n]) * r2;
        }
        return 1 + sum;
    }

    /** 1/n! for n = 0..max, each the quotient of exact integers while they fit, so the same everywhere. */
    private static double[] inverseFactorials(int max) {
        double[] inverse = new double[max + 1];
        double factorial = 1;
        for (int n = 0; n <= max; n++) {
            if (n > 0) {
                factorial *= n; // exact up to 22!, which fits in 53 bits times a power of two
            }
            inverse[n] = 1 / factorial;
        }
        return inverse;
    }
}
