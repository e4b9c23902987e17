package dev.glassbox.io;

import dev.glassbox.nn.Network;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A network read from a model file, with the file's metadata.
 *
 * @param network rebuilt from {@code glassbox.spec}, holding the file's weights
 * @param metadata every {@code __metadata__} entry in file order, including {@code glassbox.spec}
 *     and {@code glassbox.format}; unmodifiable
 */
public record SavedModel(Network network, Map<String, String> metadata) {

    public SavedModel {
        if (network == null || metadata == null) {
            throw new IllegalArgumentException("SavedModel: network and metadata must not be null");
        }
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}
