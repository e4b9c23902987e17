package dev.glassbox.optim;

import dev.glassbox.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * Each parameter's update, bound once to its arrays and state: the job an optimizer hands to
 * {@link dev.glassbox.kernels.Parallel#forRanges(int, Object, dev.glassbox.kernels.Parallel.Loop)}.
 * Bound again only when a step gets another parameter list or the state was restored; the
 * training loop passes the same list every batch, so its steps allocate nothing.
 */
final class ParameterUpdates<U> {

    /** Binds the update of parameter {@code index}, creating its state on first use. */
    @FunctionalInterface
    interface Binder<U> {
        U bind(List<Parameter> parameters, int index);
    }

    private final Binder<U> binder;
    private final List<U> updates = new ArrayList<>();
    private List<Parameter> boundTo;

    ParameterUpdates(Binder<U> binder) {
        this.binder = binder;
    }

    /** The update of parameter {@code index} of {@code parameters}. */
    U of(List<Parameter> parameters, int index) {
        if (parameters != boundTo) {
            boundTo = null; // until every parameter is bound: binding checks sizes and may throw
            updates.clear();
            for (int p = 0; p < parameters.size(); p++) {
                updates.add(binder.bind(parameters, p));
            }
            boundTo = parameters;
        }
        return updates.get(index);
    }

    /** Binds again at the next step: the state arrays were replaced. */
    void rebind() {
        boundTo = null;
    }
}
