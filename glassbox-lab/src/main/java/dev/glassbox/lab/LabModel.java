package dev.glassbox.lab;

import dev.glassbox.loss.Loss;
import dev.glassbox.nn.Network;
import java.util.Map;

/**
 * The model a lab opens with.
 *
 * @param network its weights are copied when the lab starts; the lab never changes this instance
 * @param loss the loss it was trained with, which also turns outputs into probabilities
 * @param source where it came from, in words, e.g. {@code model.safetensors}
 * @param metadata written back when the page saves the model unchanged
 */
public record LabModel(Network network, Loss loss, String source, Map<String, String> metadata) {

    public LabModel {
        if (network == null || loss == null || source == null || metadata == null) {
            throw new IllegalArgumentException("LabModel: network, loss, source and metadata are required");
        }
        metadata = Map.copyOf(metadata);
    }
}
