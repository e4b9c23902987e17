package dev.glassbox.explain;

/**
 * Eigenvalues and eigenvectors of a small symmetric matrix by cyclic Jacobi rotations: plain
 * arithmetic, so the same on every host, and plenty fast for the K × K Gram matrix of a
 * trajectory (K ≤ 64).
 */
final class Eigen {
    private static final int MAX_SWEEPS = 100;

    private Eigen() {}

    /**
     * @param a       the symmetric matrix (not modified)
     * @param vectors receives the eigenvectors as columns, in the order of the values returned
     * @return the eigenvalues, largest first
     */
    static double[] symmetric(double[][] a, double[][] vectors) {
        int n = a.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = a[i].clone();
            java.util.Arrays.fill(vectors[i], 0);
            vectors[i][i] = 1;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            double diagonal = 0;
            for (int i = 0; i < n; i++) {
                diagonal += m[i][i] * m[i][i];
                for (int j = i + 1; j < n; j++) {
                    off += m[i][j] * m[i][j];
                }
            }
            if (off <= 1e-30 * Math.max(diagonal, Double.MIN_NORMAL)) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (m[p][q] == 0) {
                        continue;
                    }
                    double theta = (m[q][q] - m[p][p]) / (2 * m[p][q]);
                    double t = Math.signum(theta == 0 ? 1 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) { // columns p and q
                        double kp = m[k][p];
                        double kq = m[k][q];
                        m[k][p] = c * kp - s * kq;
                        m[k][q] = s * kp + c * kq;
                    }
                    for (int k = 0; k < n; k++) { // rows p and q
                        double pk = m[p][k];
                        double qk = m[q][k];
                        m[p][k] = c * pk - s * qk;
                        m[q][k] = s * pk + c * qk;
                    }
                    for (int k = 0; k < n; k++) {
                        double kp = vectors[k][p];
                        double kq = vectors[k][q];
                        vectors[k][p] = c * kp - s * kq;
                        vectors[k][q] = s * kp + c * kq;
                    }
                }
            }
        }
        // Largest first: sort the values, carrying the columns along.
        double[] values = new double[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            values[i] = m[i][i];
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(values[y], values[x]));
        double[] sorted = new double[n];
        double[][] columns = new double[n][n];
        for (int c = 0; c < n; c++) {
            sorted[c] = values[order[c]];
            for (int r = 0; r < n; r++) {
                columns[r][c] = vectors[r][order[c]];
            }
        }
        for (int r = 0; r < n; r++) {
            System.arraycopy(columns[r], 0, vectors[r], 0, n);
        }
        return sorted;
    }
}
