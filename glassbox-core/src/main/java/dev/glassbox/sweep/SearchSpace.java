package dev.glassbox.sweep;

import dev.glassbox.tensor.PortableMath;
import dev.glassbox.tensor.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The hyper-parameters a search varies, each given as {@code NAME=VALUES}: a list
 * {@code 0.001,0.003,0.01} (or {@code a|b} when values hold commas), or for random search a
 * range: {@code log:0.0001:0.1} (log-uniform), {@code uniform:0:0.5}, {@code int:16:256}.
 * The names are the caller's (the CLI's option names); the space only draws values.
 */
public final class SearchSpace {
    private final List<Dimension> dimensions;

    private SearchSpace(List<Dimension> dimensions) {
        this.dimensions = List.copyOf(dimensions);
    }

    private sealed interface Dimension permits Choice, Range {
        String name();
    }

    private record Choice(String name, List<String> values) implements Dimension {}

    private record Range(String name, String kind, double low, double high) implements Dimension {
        String draw(Rng random) {
            double u = random.nextDouble();
            return switch (kind) {
                case "log" -> format(PortableMath.exp(
                        PortableMath.log(low) + u * (PortableMath.log(high) - PortableMath.log(low))));
                case "int" -> Long.toString((long) low + (long) Math.floor(u * ((long) high - (long) low + 1)));
                default -> format(low + u * (high - low));
            };
        }

        private static String format(double value) {
            return String.format(Locale.ROOT, "%.4g", value).replaceFirst("(\\.\\d*?)0+(e|$)", "$1$2")
                    .replaceFirst("\\.(e|$)", "$1");
        }
    }

    /**
     * Parses {@code NAME=VALUES} specs, one dimension each.
     *
     * @throws IllegalArgumentException naming the spec that is malformed or repeats a name
     */
    public static SearchSpace parse(List<String> specs) {
        List<Dimension> dimensions = new ArrayList<>();
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            if (eq <= 0 || eq == spec.length() - 1) {
                throw new IllegalArgumentException("'" + spec + "': expected NAME=VALUES, e.g. learning-rate=0.001,0.01"
                        + " or learning-rate=log:0.0001:0.1");
            }
            String name = spec.substring(0, eq).trim();
            String values = spec.substring(eq + 1).trim();
            if (dimensions.stream().anyMatch(d -> d.name().equals(name))) {
                throw new IllegalArgumentException("'" + name + "' is varied twice; give all its values at once");
            }
            dimensions.add(dimension(name, values, spec));
        }
        return new SearchSpace(dimensions);
    }

    private static Dimension dimension(String name, String values, String spec) {
        String[] parts = values.split(":", -1);
        if (parts.length == 3 && List.of("log", "uniform", "int").contains(parts[0])) {
            double low;
            double high;
            try {
                low = Double.parseDouble(parts[1]);
                high = Double.parseDouble(parts[2]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + spec + "': the range's bounds must be numbers");
            }
            if (!(low < high) || parts[0].equals("log") && !(low > 0)) {
                throw new IllegalArgumentException("'" + spec + "': expected LOW < HIGH"
                        + (parts[0].equals("log") ? " and LOW > 0 for a log range" : ""));
            }
            return new Range(name, parts[0], low, high);
        }
        String separator = values.contains("|") ? "\\|" : ",";
        List<String> list = Arrays.stream(values.split(separator, -1)).map(String::trim).toList();
        if (list.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("'" + spec + "': an empty value in the list");
        }
        return new Choice(name, list);
    }

    /** The names varied, in the order given. */
    public List<String> names() {
        return dimensions.stream().map(Dimension::name).toList();
    }

    public boolean isEmpty() {
        return dimensions.isEmpty();
    }

    /** How many points the grid has. */
    public long gridSize() {
        long size = 1;
        for (Dimension d : dimensions) {
            size = Math.multiplyExact(size, d instanceof Choice c ? c.values().size() : 0);
        }
        return size;
    }

    /**
     * Every combination of the listed values, the last name varying fastest.
     *
     * @throws IllegalArgumentException if a dimension is a range, or the grid exceeds {@code limit}
     */
    public List<Map<String, String>> grid(int limit) {
        for (Dimension d : dimensions) {
            if (d instanceof Range) {
                throw new IllegalArgumentException("'" + d.name() + "' is a range; a grid needs listed values"
                        + " (or use random search)");
            }
        }
        if (gridSize() > limit) {
            throw new IllegalArgumentException("the grid has " + gridSize() + " points, more than " + limit
                    + "; list fewer values or use random search");
        }
        List<Map<String, String>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (Dimension d : dimensions) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> point : points) {
                for (String value : ((Choice) d).values()) {
                    Map<String, String> extended = new LinkedHashMap<>(point);
                    extended.put(d.name(), value);
                    next.add(extended);
                }
            }
            points = next;
        }
        return points;
    }

    /** {@code count} points drawn independently, each value from its list or range; the same for a seed. */
    public List<Map<String, String>> random(int count, long seed) {
        Rng random = new Rng(seed);
        List<Map<String, String>> points = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, String> point = new LinkedHashMap<>();
            for (Dimension d : dimensions) {
                point.put(d.name(), switch (d) {
                    case Choice c -> c.values().get(random.nextInt(c.values().size()));
                    case Range r -> r.draw(random);
                });
            }
            points.add(point);
        }
        return points;
    }
}
