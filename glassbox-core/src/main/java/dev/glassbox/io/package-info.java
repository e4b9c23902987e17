/**
 * Codecs: a strict JSON reader/writer, and models and checkpoints as bytes ({@link ModelCodec},
 * {@link CheckpointCodec}). No files: {@code dev.glassbox.jvm.io} writes and reads these bytes on
 * the JVM.
 *
 * <p>A model file uses the safetensors layout, so Python's {@code safetensors} reads it:
 *
 * <pre>
 * bytes 0..7     N, unsigned little-endian
 * bytes 8..8+N   UTF-8 JSON header, padded with spaces so N is a multiple of 8:
 *                {"__metadata__": {"glassbox.format": "1", "glassbox.spec": "784-256-relu-10", ...},
 *                 "layers.0.weight": {"dtype": "F32", "shape": [256, 784], "data_offsets": [0, 802816]},
 *                 "layers.0.bias":   {"dtype": "F32", "shape": [1, 256],   "data_offsets": [802816, 803840]}, ...}
 * bytes 8+N..    the data section: each tensor row-major, F32 little-endian, at its data_offsets
 *                (relative to the start of this section), contiguous and covering it exactly
 * </pre>
 *
 * <p>Tensor names and shapes are those of {@link dev.glassbox.nn.Network#parameters()}; weights are
 * (out, in) as in PyTorch, biases (1, out). Metadata values are strings only; besides the spec and
 * format version they carry the caller's provenance (seed, hyper-parameters, dataset checksum).
 * This package does not hold optimizer state: a model file is for inference and sharing.
 */
package dev.glassbox.io;
