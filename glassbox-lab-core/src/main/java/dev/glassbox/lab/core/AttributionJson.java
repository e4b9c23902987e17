package dev.glassbox.lab.core;

import dev.glassbox.explain.Attribution;
import dev.glassbox.explain.Nudge;
import java.util.Map;

/**
 * "Why this answer?" as the page reads it: the engine's {@link Attribution} and {@link Nudge},
 * copied field by field. Nothing is computed here; the page only draws and prints these numbers.
 */
final class AttributionJson {
    private AttributionJson() {}

    /**
     * {@code target} and the network's answer ({@code predicted}), every output's logit
     * ({@code scores}), the input ({@code pixels}), the three maps ({@code gradient},
     * {@code gradientTimesInput}, {@code integrated}) and the completeness check: {@code sum} of
     * the integrated gradients against {@code difference} = {@code score} − {@code baselineScore},
     * their {@code gap} and {@code relativeGap} (null when the difference is 0 and the gap is not),
     * and the {@code steps} of the path.
     */
    static Map<String, Object> attribution(long version, Attribution a) {
        Attribution.Completeness c = a.completeness();
        double relative = c.relativeGap();
        Attribution.Maps maps = a.maps();
        return JsonObject.of("version", version, "target", a.target(), "predicted", a.predicted(), "scores",
                a.scores(), "pixels", a.input(), "gradient", maps.gradient(), "gradientTimesInput",
                maps.gradientTimesInput(), "integrated", maps.integrated(),
                "completeness", JsonObject.of("sum", c.attributionSum(), "score", c.score(), "baselineScore",
                        c.baselineScore(), "difference", c.difference(), "gap", c.gap(), "relativeGap",
                        Double.isInfinite(relative) ? null : relative, "steps", c.steps()));
    }

    /**
     * The class pushed toward ({@code target}), the answers before and after ({@code before},
     * {@code after}, {@code flipped}), the inputs changed in order ({@code changed}, at most
     * {@code mostChanges}), the changed input ({@code pixels}), and that input run forward
     * ({@code activity}, as the {@code forward} route gives it).
     */
    static Map<String, Object> nudge(long version, Nudge nudge, int mostChanges, Map<String, Object> activity) {
        return JsonObject.of("version", version, "target", nudge.target(), "before", nudge.before(), "after",
                nudge.after(), "flipped", nudge.flipped(), "changed", nudge.changed(), "mostChanges", mostChanges,
                "pixels", nudge.nudged(), "activity", activity);
    }
}
