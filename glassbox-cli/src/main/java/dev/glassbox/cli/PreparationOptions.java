package dev.glassbox.cli;

import dev.glassbox.data.ImagePreparation;
import dev.glassbox.data.TableData;
import dev.glassbox.data.TablePreparation;
import dev.glassbox.data.TablePreparation.Missing;
import dev.glassbox.data.TablePreparation.Task;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * How {@code train} turns the user's own data into network inputs: which columns of a table, what
 * to do with missing cells, classes or a number; the size, colours and preparation of a folder's
 * images; and how much to hold out for the test. The model records what came of them, so later
 * commands need none of these.
 */
final class PreparationOptions {
    static final double DEFAULT_TEST_FRACTION = TableData.TEST_FRACTION;

    @Option(names = "--label", paramLabel = "COLUMN",
            description = "Tables: the column to predict. Default: the last column.")
    String label;

    @Option(names = "--features", paramLabel = "A,B,…", split = ",",
            description = "Tables: the columns to learn from. Default: all but the label and --drop.")
    List<String> features = List.of();

    @Option(names = "--drop", paramLabel = "C,…", split = ",",
            description = "Tables: columns to leave out (an identifier, a leak of the answer).")
    List<String> drop = List.of();

    @Option(names = "--missing", paramLabel = "RULE", defaultValue = "refuse",
            description = "Tables: an empty cell (or NA, NaN, ?) is refused, replaced by the column's mean (a text"
                    + " column's: no value), or its row dropped: refuse, mean or drop. Default: ${DEFAULT-VALUE}.")
    String missing = "refuse";

    @Option(names = "--task", paramLabel = "TASK",
            description = "Tables: classification or regression. Default: regression when the label holds more than "
                    + TablePreparation.MAX_CLASSES_INFERRED + " distinct numbers, else classification.")
    String task;

    @Option(names = "--test-fraction", paramLabel = "F",
            description = "Tables and image folders without --test-data: the fraction held out as the test set,"
                    + " drawn with the seed and stratified by class. Default: " + DEFAULT_TEST_FRACTION + ".")
    Double testFraction;

    @Option(names = "--image-size", paramLabel = "WxH",
            description = "Image folders: the size every image is resized to (area averaging). Default: 28x28.")
    String imageSize;

    @Option(names = "--channels", paramLabel = "N",
            description = "Image folders: 1 (gray: luma) or 3 (red, green, blue). Default: 1.")
    Integer channels;

    @Option(names = "--prepare", paramLabel = "HOW",
            description = "Image folders: none (resize only) or digit (as MNIST's digits were made: inverted if dark on"
                    + " light, cropped to the ink, scaled into 20×20, centred by mass in 28×28). Default: none.")
    String prepare;

    @Option(names = "--skip-bad",
            description = "Image folders: leave out (and list) images that cannot be read, instead of stopping.")
    boolean skipBad;

    /**
     * The options of a command that reads data with a model's own preparation, which needs only
     * how the test set was held out and whether unreadable images were left out.
     */
    static PreparationOptions forModel(Double testFraction, boolean skipBad) {
        PreparationOptions options = new PreparationOptions();
        options.testFraction = testFraction;
        options.skipBad = skipBad;
        return options;
    }

    /** The image options as the engine takes them. */
    ImagePreparation images() {
        ImagePreparation.Prepare how = switch (prepare == null ? "none" : prepare.toLowerCase(Locale.ROOT)) {
            case "none" -> ImagePreparation.Prepare.NONE;
            case "digit" -> ImagePreparation.Prepare.DIGIT;
            default -> throw new UsageException("--prepare must be none or digit, got " + prepare);
        };
        if (how == ImagePreparation.Prepare.DIGIT) {
            if ((imageSize != null && !imageSize.equalsIgnoreCase("28x28")) || (channels != null && channels != 1)) {
                throw new UsageException("--prepare digit makes 28x28 gray images; leave out --image-size and --channels");
            }
            return ImagePreparation.digit();
        }
        int width = 28;
        int height = 28;
        if (imageSize != null) {
            String[] parts = imageSize.toLowerCase(Locale.ROOT).split("[x×]");
            try {
                if (parts.length != 2) {
                    throw new NumberFormatException();
                }
                width = Integer.parseInt(parts[0].strip());
                height = Integer.parseInt(parts[1].strip());
            } catch (NumberFormatException e) {
                throw new UsageException("--image-size must be WIDTHxHEIGHT, e.g. 28x28 or 64x48, got " + imageSize);
            }
        }
        int count = channels == null ? 1 : channels;
        int w = width;
        int h = height;
        return UsageException.wrap(() -> new ImagePreparation(w, h, ImagePreparation.Channels.of(count),
                ImagePreparation.Prepare.NONE));
    }

    /** Whether any image option was given, for refusing them on other data. */
    boolean anyImageOption() {
        return imageSize != null || channels != null || prepare != null || skipBad;
    }

    /** The table options as the engine takes them. */
    TablePreparation.Options table() {
        Missing rule = switch (missing.toLowerCase(Locale.ROOT)) {
            case "refuse" -> Missing.REFUSE;
            case "mean" -> Missing.MEAN;
            case "drop" -> Missing.DROP;
            default -> throw new UsageException("--missing must be refuse, mean or drop, got " + missing);
        };
        Task kind = task == null ? null : switch (task.toLowerCase(Locale.ROOT)) {
            case "classification", "classes" -> Task.CLASSIFICATION;
            case "regression" -> Task.REGRESSION;
            default -> throw new UsageException("--task must be classification or regression, got " + task);
        };
        return UsageException.wrap(() -> new TablePreparation.Options(label, features, drop, rule, kind));
    }

    /** --test-fraction, checked. */
    double testFraction() {
        double f = testFraction == null ? DEFAULT_TEST_FRACTION : testFraction;
        if (!(f > 0 && f < 1)) {
            throw new UsageException("--test-fraction must be between 0 and 1 (e.g. 0.2), got " + f);
        }
        return f;
    }

    /** Whether any table option was given, for refusing them on other data. */
    boolean anyTableOption() {
        return label != null || !features.isEmpty() || !drop.isEmpty() || !missing.equalsIgnoreCase("refuse")
                || task != null;
    }
}
