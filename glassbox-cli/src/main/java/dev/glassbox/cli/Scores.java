package dev.glassbox.cli;

import dev.glassbox.io.ModelInputs;
import dev.glassbox.train.Evaluation;
import dev.glassbox.train.RegressionError;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * How results are told: a classifier's accuracy, or a regression's errors in the data's own
 * units (the network learns standardised targets; {@code scale} is the target's standard
 * deviation, which turns its errors back into the label's units).
 */
record Scores(boolean regression, double scale) {
    static final Scores CLASSES = new Scores(false, 1);

    static Scores of(ModelInputs inputs) {
        if (inputs instanceof ModelInputs.Table table && inputs.isRegression()) {
            return new Scores(true, table.preparation().targetSd());
        }
        return CLASSES;
    }

    /** What the headline figure is called: {@code accuracy} or {@code RMSE}. */
    String measure() {
        return regression ? "RMSE" : "accuracy";
    }

    /** The headline figure: {@code 97.50 %} or {@code 3.142}. */
    String headline(Evaluation e) {
        return regression ? number(e.regression().rmse() * scale) : percent(e.accuracy());
    }

    /** The figures in full, the headline first: errors of a classifier; MAE and R² of a regression. */
    String describe(Evaluation e) {
        if (!regression) {
            return String.format(Locale.ROOT, "%s (%,d errors of %,d)", percent(e.accuracy()), e.errors(), e.size());
        }
        RegressionError r = e.regression();
        return String.format(Locale.ROOT, "%s (MAE %s, R² %.4f; %,d samples)", number(r.rmse() * scale),
                number(r.mae() * scale), r.r2(), e.size());
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f %%", fraction * 100);
    }

    /** Four significant digits, whatever the label's scale, without an exponent. */
    static String number(double value) {
        return number(value, 4);
    }

    /** {@code digits} significant digits, without an exponent: 0.01234, 1235, 123500. */
    static String number(double value, int digits) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return new BigDecimal(value).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
    }
}
