package dev.glassbox.io;

import dev.glassbox.data.DatasetException;
import dev.glassbox.data.Table;
import dev.glassbox.data.TablePreparation;
import dev.glassbox.data.TablePreparation.Feature;
import dev.glassbox.data.TablePreparation.Missing;
import dev.glassbox.data.TablePreparation.NumberFeature;
import dev.glassbox.data.TablePreparation.Task;
import dev.glassbox.data.TablePreparation.TextFeature;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link TablePreparation} as the JSON a model file keeps under {@value #METADATA_KEY}: the
 * label, the task, the missing-cell rule, each feature column (a number's mean and standard
 * deviation, a text column's values) and the classes or the target's mean and deviation. Read
 * back as data from a file: every field is checked, and sizes are bounded before anything is built.
 */
public final class TableJson {
    /** The metadata key a model stores its table preparation under. */
    public static final String METADATA_KEY = "glassbox.table";

    private TableJson() {}

    public static String write(TablePreparation preparation) {
        List<Object> columns = new ArrayList<>();
        for (Feature feature : preparation.features()) {
            Map<String, Object> column = new LinkedHashMap<>();
            column.put("name", feature.name());
            if (feature instanceof NumberFeature n) {
                column.put("kind", "number");
                column.put("mean", n.mean());
                column.put("sd", n.sd());
            } else {
                column.put("kind", "text");
                column.put("values", ((TextFeature) feature).values());
            }
            columns.add(column);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("label", preparation.label());
        json.put("task", preparation.task().key());
        json.put("missing", preparation.missing().key());
        json.put("features", columns);
        if (preparation.task() == Task.REGRESSION) {
            json.put("target_mean", preparation.targetMean());
            json.put("target_sd", preparation.targetSd());
        } else {
            json.put("classes", preparation.classNames());
        }
        return Json.write(json);
    }

    /**
     * Reads what {@link #write} wrote.
     *
     * @throws DatasetException naming the key and what is wrong
     */
    public static TablePreparation read(String text) {
        try {
            Map<?, ?> json = object(Json.parse(text), "the preparation");
            String label = string(json.get("label"), "label");
            Task task = switch (string(json.get("task"), "task")) {
                case "classification" -> Task.CLASSIFICATION;
                case "regression" -> Task.REGRESSION;
                default -> throw new DatasetException("task: expected classification or regression");
            };
            Missing missing = switch (string(json.get("missing"), "missing")) {
                case "refuse" -> Missing.REFUSE;
                case "mean" -> Missing.MEAN;
                case "drop" -> Missing.DROP;
                default -> throw new DatasetException("missing: expected refuse, mean or drop");
            };
            List<?> columns = list(json.get("features"), "features", Table.MAX_COLUMNS);
            List<Feature> features = new ArrayList<>();
            for (Object item : columns) {
                Map<?, ?> column = object(item, "a feature");
                String name = string(column.get("name"), "a feature's name");
                features.add(switch (string(column.get("kind"), name + ": kind")) {
                    case "number" -> new NumberFeature(name, number(column.get("mean"), name + ": mean"),
                            number(column.get("sd"), name + ": sd"));
                    case "text" -> new TextFeature(name, strings(column.get("values"), name + ": values",
                            TablePreparation.MAX_CATEGORIES));
                    default -> throw new DatasetException(name + ": kind: expected number or text");
                });
            }
            if (task == Task.REGRESSION) {
                return TablePreparation.restore(label, task, missing, features, List.of(),
                        number(json.get("target_mean"), "target_mean"), number(json.get("target_sd"), "target_sd"));
            }
            return TablePreparation.restore(label, task, missing, features,
                    strings(json.get("classes"), "classes", TablePreparation.MAX_CLASSES), 0, 1);
        } catch (JsonException | DatasetException e) {
            throw new DatasetException(METADATA_KEY + ": " + e.getMessage(), e);
        }
    }

    private static Map<?, ?> object(Object value, String what) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new DatasetException(what + ": expected an object");
        }
        return map;
    }

    private static List<?> list(Object value, String what, int most) {
        if (!(value instanceof List<?> list)) {
            throw new DatasetException(what + ": expected an array");
        }
        if (list.size() > most) {
            throw new DatasetException(what + ": more than " + most);
        }
        return list;
    }

    private static String string(Object value, String what) {
        if (!(value instanceof String s) || s.isEmpty()) {
            throw new DatasetException(what + ": expected a non-empty string");
        }
        return s;
    }

    private static double number(Object value, String what) {
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw new DatasetException(what + ": expected a finite number");
        }
        return n.doubleValue();
    }

    private static List<String> strings(Object value, String what, int most) {
        List<String> strings = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Object item : list(value, what, most)) {
            String s = string(item, what);
            if (!seen.add(s)) {
                throw new DatasetException(what + ": '" + (s.length() <= 40 ? s : s.substring(0, 37) + "...")
                        + "' appears twice");
            }
            strings.add(s);
        }
        return strings;
    }
}
