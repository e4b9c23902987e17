package dev.glassbox.optim;

import dev.glassbox.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One float per parameter value (momentum, Adam moments), kept by the parameter's position. */
final class ParameterState {
    private final List<float[]> arrays = new ArrayList<>();

    /** The state for parameter {@code index}, created as zeros on first use. */
    float[] of(List<Parameter> parameters, int index) {
        while (arrays.size() < parameters.size()) {
            arrays.add(new float[parameters.get(arrays.size()).value().size()]);
        }
        float[] state = arrays.get(index);
        if (state.length != parameters.get(index).value().size()) {
            throw new IllegalStateException("optimizer: parameter " + parameters.get(index).name()
                    + " changed size since the last step; use a new optimizer for a new network");
        }
        return state;
    }

    /** Adds this state to {@code into} as {@code <name>.<parameter name>}, for parameters that have any. */
    void export(String name, List<Parameter> parameters, Map<String, float[]> into) {
        for (int i = 0; i < arrays.size(); i++) {
            into.put(name + "." + parameters.get(i).name(), arrays.get(i));
        }
    }

    /**
     * Replaces this state with the arrays {@code <name>.<parameter name>} of {@code from}; a
     * parameter without one starts from zeros, as it would have before its first step.
     *
     * @throws IllegalArgumentException if an array's length does not match its parameter
     */
    void restore(String name, List<Parameter> parameters, Map<String, float[]> from) {
        arrays.clear();
        boolean any = false;
        for (Parameter p : parameters) {
            float[] saved = from.get(name + "." + p.name());
            if (saved != null && saved.length != p.value().size()) {
                throw new IllegalArgumentException("optimizer state " + name + "." + p.name() + " has "
                        + saved.length + " values, expected " + p.value().size());
            }
            any |= saved != null;
            arrays.add(saved == null ? new float[p.value().size()] : saved.clone());
        }
        if (!any) {
            arrays.clear();
        }
    }
}
