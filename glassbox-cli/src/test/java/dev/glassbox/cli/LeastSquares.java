package dev.glassbox.cli;

import dev.glassbox.data.Table;

/**
 * The exact least-squares fit of {@code y} on the columns {@code a}, {@code b} and the one-hot
 * {@code colour} (red, green, blue — their three indicators also make the intercept), by the
 * normal equations solved with Gaussian elimination in double precision: the best any linear
 * model can do, which a regression network must come close to.
 */
final class LeastSquares {
    private static final String[] COLOURS = {"red", "green", "blue"};

    private LeastSquares() {}

    /** R² on {@code test} of the fit to {@code train}. */
    static double r2(Table train, Table test) {
        int p = 5;
        double[][] a = new double[p][p + 1];
        for (int r = 0; r < train.rows(); r++) {
            double[] x = row(train, r);
            double y = Double.parseDouble(train.cell(r, 3));
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    a[i][j] += x[i] * x[j];
                }
                a[i][p] += x[i] * y;
            }
        }
        double[] beta = solve(a);
        double mean = 0;
        for (int r = 0; r < test.rows(); r++) {
            mean += Double.parseDouble(test.cell(r, 3)) / test.rows();
        }
        double sse = 0;
        double sst = 0;
        for (int r = 0; r < test.rows(); r++) {
            double[] x = row(test, r);
            double y = Double.parseDouble(test.cell(r, 3));
            double fit = 0;
            for (int i = 0; i < p; i++) {
                fit += beta[i] * x[i];
            }
            sse += (y - fit) * (y - fit);
            sst += (y - mean) * (y - mean);
        }
        return 1 - sse / sst;
    }

    private static double[] row(Table table, int r) {
        double[] x = new double[5];
        x[0] = Double.parseDouble(table.cell(r, 0));
        x[1] = Double.parseDouble(table.cell(r, 1));
        for (int c = 0; c < COLOURS.length; c++) {
            x[2 + c] = COLOURS[c].equals(table.cell(r, 2)) ? 1 : 0;
        }
        return x;
    }

    /** Solves the augmented system {@code a = [M | v]} by elimination with partial pivoting. */
    private static double[] solve(double[][] a) {
        int n = a.length;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                pivot = Math.abs(a[r][col]) > Math.abs(a[pivot][col]) ? r : pivot;
            }
            double[] t = a[col];
            a[col] = a[pivot];
            a[pivot] = t;
            for (int r = 0; r < n; r++) {
                if (r != col) {
                    double f = a[r][col] / a[col][col];
                    for (int c = col; c <= n; c++) {
                        a[r][c] -= f * a[col][c];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = a[i][n] / a[i][i];
        }
        return x;
    }
}
