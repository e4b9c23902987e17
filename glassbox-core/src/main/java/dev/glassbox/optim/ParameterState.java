package dev.glassbox.optim;

import dev.glassbox.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

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
}
