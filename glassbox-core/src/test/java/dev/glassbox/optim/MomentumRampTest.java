package dev.glassbox.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.glassbox.nn.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

class MomentumRampTest {

    @Test
    void risesLinearlyThenHolds() {
        MomentumRamp ramp = MomentumRamp.parse("0.5:10");
        // 100 batches per epoch: halfway through the ramp at batch 500.
        assertThat(ramp.momentum(0.99f, 0, 100)).isEqualTo(0.5f);
        assertThat(ramp.momentum(0.99f, 500, 100)).isCloseTo(0.745f, within(1e-6f));
        assertThat(ramp.momentum(0.99f, 1000, 100)).isCloseTo(0.99f, within(1e-6f));
        assertThat(ramp.momentum(0.99f, 5000, 100)).isCloseTo(0.99f, within(1e-6f));
        assertThat(MomentumRamp.parse(ramp.toString())).isEqualTo(ramp);
        assertThat(MomentumRamp.parse("none").enabled()).isFalse();
        assertThatThrownBy(() -> MomentumRamp.parse("fast")).hasMessageContaining("expected START:EPOCHS");
    }

    /** v = μv + g; w −= ηv: with μ changed to 0 between steps, the second step forgets the first. */
    @Test
    void setMomentumChangesTheNextStep() {
        Parameter p = Parameter.zeros("w", 1, 1, Parameter.Kind.WEIGHT);
        Optimizer sgd = OptimizerConfig.of("momentum").create();
        p.gradient().data()[0] = 1;
        sgd.step(List.of(p), 0.1f);
        sgd.setMomentum(0);
        sgd.step(List.of(p), 0.1f);
        assertThat(p.value().data()[0]).isCloseTo(-0.2f, within(1e-7f)); // −0.1 then −0.1 (v = 0·1 + 1)
        assertThatThrownBy(() -> OptimizerConfig.of("adam").create().setMomentum(0.5f))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
