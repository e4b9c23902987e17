package dev.glassbox.cli;

import dev.glassbox.data.Dataset;
import dev.glassbox.explain.Directions;
import dev.glassbox.explain.LossLandscape;
import dev.glassbox.explain.Trajectory;
import dev.glassbox.explain.TrajectoryFile;
import dev.glassbox.io.ModelFileException;
import dev.glassbox.io.SavedModel;
import dev.glassbox.jvm.explain.LandscapeRunner;
import dev.glassbox.jvm.io.AtomicFiles;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.kernels.Kernels;
import dev.glassbox.lab.LandscapeFigure;
import dev.glassbox.loss.Loss;
import dev.glassbox.nn.Network;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * {@code explain --landscape}: the loss around a model's weights on a slice of two directions,
 * written as {@code landscape.csv} and {@code landscape.svg} — and, with a trajectory from
 * {@code train --trajectory}, the path training took over it ({@code trajectory.csv}) and the loss
 * along the straight line from the initial to the trained weights ({@code line.csv}).
 */
final class LandscapeExplain {
    @Option(names = "--landscape",
            description = "Draw the loss landscape around the model's weights instead (landscape.svg, landscape.csv).")
    boolean landscape;

    @Option(names = "--directions", paramLabel = "KIND",
            description = "random (filter-normalised, Li et al. 2018) or pca (the two principal directions of"
                    + " --trajectory's path). Default: pca with --trajectory, else random.")
    String directions;

    @Option(names = "--grid", paramLabel = "N", defaultValue = "41",
            description = "N × N points, α and β in [-1, 1]. Default: ${DEFAULT-VALUE}.")
    int grid;

    @Option(names = "--subset", paramLabel = "N", defaultValue = "1000",
            description = "Training samples each point is evaluated on. Default: ${DEFAULT-VALUE}.")
    int subset;

    @Option(names = "--trajectory", paramLabel = "FILE",
            description = "A trajectory written by train --trajectory FILE: its path is drawn over the landscape.")
    Path trajectory;

    /** Writes the figures; returns the exit code. */
    int run(SavedModel saved, Dataset train, long seed, Path out, PrintWriter stdout) {
        if (grid < 3 || grid > 201) {
            throw new UsageException("--grid must be 3..201, got " + grid);
        }
        if (subset < 1) {
            throw new UsageException("--subset must be at least 1, got " + subset);
        }
        String kind = directions != null ? directions : trajectory != null ? "pca" : "random";
        if (!kind.equals("random") && !kind.equals("pca")) {
            throw new UsageException("--directions must be random or pca, got '" + directions + "'");
        }
        if (kind.equals("pca") && trajectory == null) {
            throw new UsageException("--directions pca needs the path: pass --trajectory FILE (from train --trajectory)");
        }
        Network network = saved.network();
        Loss loss = ModelOption.loss(saved);
        Trajectory path = trajectory == null ? null : readTrajectory(network);
        Trajectory.Projection projection = path == null ? null : UsageException.wrap(path::project);
        if (projection != null) {
            // The slice is centred on the path's end: the landscape the path ran down.
            dev.glassbox.explain.Weights.set(network, path.weights(path.size() - 1), null, 0, null, 0);
        }
        Directions d = kind.equals("pca") ? projection.directions() : Directions.random(network, seed);
        Dataset points = LossLandscape.subset(train, subset, seed);
        LossLandscape slice = new LossLandscape(network, loss, d, points);
        int threads = Runtime.getRuntime().availableProcessors();
        stdout.printf(Locale.ROOT, "Landscape of %s: %d × %d points on %,d training samples, %s directions, %d threads%n",
                network.spec(), grid, grid, points.size(), kind, threads);
        stdout.flush();
        long start = System.nanoTime();
        LossLandscape.Point[] grid = LandscapeRunner.grid(slice, network, this.grid, threads, KernelChoice.provider(),
                LandscapeRunner.Progress.NONE);
        double seconds = (System.nanoTime() - start) / 1e9;
        StringBuilder csv = new StringBuilder("alpha,beta,loss,accuracy\n");
        for (LossLandscape.Point p : grid) {
            csv.append(String.format(Locale.ROOT, "%.6f,%.6f,%.9g,%.6f%n", p.alpha(), p.beta(), p.loss(), p.accuracy()));
        }
        write(out.resolve("landscape.csv"), csv.toString());
        LandscapeFigure.Path2d drawnPath = null;
        LandscapeFigure.Line line = null;
        if (path != null) {
            StringBuilder trace = new StringBuilder("step,epoch,alpha,beta\n");
            int[] epochs = new int[path.size()];
            for (int i = 0; i < path.size(); i++) {
                epochs[i] = path.epoch(i);
                double a = kind.equals("pca") ? projection.alpha()[i] : Double.NaN;
                double b = kind.equals("pca") ? projection.beta()[i] : Double.NaN;
                trace.append(String.format(Locale.ROOT, "%d,%d,%.6f,%.6f%n", path.step(i), path.epoch(i), a, b));
            }
            write(out.resolve("trajectory.csv"), trace.toString());
            if (kind.equals("pca")) {
                drawnPath = new LandscapeFigure.Path2d(projection.alpha(), projection.beta(), epochs);
            }
            line = line(path, network, loss, points, out);
        }
        String title = String.format(Locale.ROOT, "%s · %s directions · %,d training samples · %d × %d points",
                network.spec(), kind, points.size(), this.grid, this.grid);
        LandscapeFigure.write(grid, this.grid, drawnPath, line, title, out.resolve("landscape.svg"));
        LossLandscape.Point centre = grid[(this.grid / 2) * this.grid + this.grid / 2];
        stdout.printf(Locale.ROOT, "Centre: loss %.4f, accuracy %.2f %%; %.1f s%n", centre.loss(), 100 * centre.accuracy(),
                seconds);
        stdout.println("Wrote " + out.resolve("landscape.svg") + " and landscape.csv"
                + (path != null ? ", trajectory.csv, line.csv" : ""));
        return Main.OK;
    }

    /** The loss along the straight line from the path's first weights to its last, t from −0.25 to 1.25. */
    private static LandscapeFigure.Line line(Trajectory path, Network network, Loss loss, Dataset points, Path out) {
        int n = 61;
        double[] t = new double[n];
        double[] values = new double[n];
        StringBuilder csv = new StringBuilder("t,loss,accuracy\n");
        try (Kernels kernels = KernelChoice.provider().open(1)) {
            Network workspace = network.copy();
            for (int i = 0; i < n; i++) {
                t[i] = -0.25 + 1.5 * i / (n - 1);
                LossLandscape.Point p = LossLandscape.line(path.weights(0), path.weights(path.size() - 1), t[i],
                        workspace, loss, points, kernels);
                values[i] = p.loss();
                csv.append(String.format(Locale.ROOT, "%.4f,%.9g,%.6f%n", t[i], p.loss(), p.accuracy()));
            }
        }
        write(out.resolve("line.csv"), csv.toString());
        return new LandscapeFigure.Line(t, values);
    }

    private Trajectory readTrajectory(Network network) {
        TrajectoryFile.Contents contents;
        try {
            contents = TrajectoryFile.read(Files.readAllBytes(trajectory));
        } catch (ModelFileException e) {
            throw e.naming(trajectory.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("--trajectory " + trajectory + ": cannot read (" + Errors.describe(e) + ")", e);
        }
        if (!contents.model().network().spec().equals(network.spec())) {
            throw new IllegalArgumentException("--trajectory " + trajectory + " is a path of " + contents.model().network().spec()
                    + ", the model is " + network.spec() + "; pass the trajectory train wrote with this model");
        }
        return contents.trajectory();
    }

    private static void write(Path file, String text) {
        try {
            AtomicFiles.replace(file, ".csv", temp -> Files.writeString(temp, text, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write (" + Errors.describe(e) + ")", e);
        }
    }
}
