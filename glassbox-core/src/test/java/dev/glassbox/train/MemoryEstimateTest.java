package dev.glassbox.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.nn.Activation;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.optim.OptimizerConfig;
import org.junit.jupiter.api.Test;

/** Known answers for the memory a training run takes, worked out by hand. */
class MemoryEstimateTest {
    @Test
    void sevenLayersOf4096AtBatch4096WithAdam() {
        // The lab's "784-4096×7-10": P = 784·4096+4096 + 6·(4096·4096+4096) + 4096·10+10 = 103,944,202.
        // Parameters, gradients and Adam's two moments: 4P floats = 1,663,107,232 bytes.
        // A training row: input 784 + loss gradient 10 + first layer's output 4096 (no input gradient)
        //   + 6 × (output 4096 + input gradient 4096) + last layer's output 10 + input gradient 4096
        //   = 58,148 (each ReLU is computed in its dense layer's buffers), × 2·4096 rows = 476,348,416.
        // An evaluation row: 784 + 7·4096 + 10 = 29,466, × 500 rows = 14,733,000.
        // Activations: 491,081,416 floats = 1,964,325,664 bytes; in all 3,627,432,896 bytes.
        MemoryEstimate need = MemoryEstimate.training(NetworkSpec.parse("784-4096-4096-4096-4096-4096-4096-4096-10",
                Activation.RELU), 4096, OptimizerConfig.of("adam"));
        assertThat(need.parameterBytes()).isEqualTo(415_776_808L);
        assertThat(need.gradientBytes()).isEqualTo(415_776_808L);
        assertThat(need.optimizerBytes()).isEqualTo(831_553_616L);
        assertThat(need.activationBytes()).isEqualTo(1_964_325_664L);
        assertThat(need.weightCopyBytes()).isZero();
        assertThat(need.totalBytes()).isEqualTo(3_627_432_896L);
        assertThat(need).hasToString("about 3.6 GB (parameters 416 MB, gradients 416 MB, adam state 832 MB,"
                + " activations 2.0 GB)");
    }

    @Test
    void smallNetworkWithPlainSgd() {
        // 4-3-relu-2: P = 4·3+3 + 3·2+2 = 23; sgd keeps no state: 2P floats = 184 bytes.
        // A training row: 4 + 2 + 3 + (2 + 3) = 14, × 10 rows = 140; an evaluation row: 4 + 3 + 2 = 9, × 500 = 4500.
        // In all 184 + 4 · 4640 = 18,744 bytes.
        MemoryEstimate need = MemoryEstimate.training(NetworkSpec.parse("4-3-relu-2"), 5, OptimizerConfig.of("sgd"));
        assertThat(need.optimizerBytes()).isZero();
        assertThat(need.activationBytes()).isEqualTo(18_560);
        assertThat(need.totalBytes()).isEqualTo(18_744);
        assertThat(need).hasToString("about 18.7 KB (parameters 92 B, gradients 92 B, activations 18.6 KB)");
    }

    @Test
    void unfusedActivationsDropoutMomentumAndACopy() {
        // 4-3-sigmoid-dropout0.5-2, batch 1: P = 23; parameters, gradients, velocity, one copy: 4P floats = 368 bytes.
        // A training row: 4 + 2 + 3 + sigmoid (3 + 3) + dropout (output 3, mask 3, gradient 3) + (2 + 3) = 29, × 2 rows;
        // an evaluation row: 4 + 3 + 3 + 3 + 2 = 15, × 500. Activations: 58 + 7500 = 7558 floats = 30,232 bytes.
        MemoryEstimate need = MemoryEstimate.training(NetworkSpec.parse("4-3-sigmoid-dropout0.5-2"), 1,
                OptimizerConfig.of("momentum")).withWeightCopies(1);
        assertThat(need.optimizerBytes()).isEqualTo(92);
        assertThat(need.weightCopyBytes()).isEqualTo(92);
        assertThat(need.activationBytes()).isEqualTo(30_232);
        assertThat(need.totalBytes()).isEqualTo(30_600);
    }

    @Test
    void refusesNonsense() {
        NetworkSpec spec = NetworkSpec.parse("4-2");
        assertThatThrownBy(() -> MemoryEstimate.training(spec, 0, OptimizerConfig.of("sgd")))
                .hasMessageContaining("expected a batch size of at least 1, got 0");
        assertThatThrownBy(() -> MemoryEstimate.training(spec, 1, OptimizerConfig.of("sgd")).withWeightCopies(-1))
                .hasMessageContaining("expected 0 or more copies, got -1");
    }

    @Test
    void sizesForPeople() {
        assertThat(MemoryEstimate.size(999)).isEqualTo("999 B");
        assertThat(MemoryEstimate.size(1000)).isEqualTo("1.0 KB");
        assertThat(MemoryEstimate.size(999_960)).isEqualTo("1.0 MB");
        assertThat(MemoryEstimate.size(415_776_808L)).isEqualTo("416 MB");
        assertThat(MemoryEstimate.size(4L << 30)).isEqualTo("4.3 GB");
    }
}
