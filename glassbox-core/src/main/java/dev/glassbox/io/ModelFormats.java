package dev.glassbox.io;

import dev.glassbox.nn.NetworkSpec;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Any model file's bytes as a {@link SavedModel}: a Glassbox model (safetensors with
 * {@code glassbox.spec}), a PyTorch {@code state_dict} in safetensors ({@link PytorchWeights},
 * its layers named by {@link Options#layers()}), or an ONNX model ({@link OnnxImport}). The bytes
 * decide which, never the file's name: an ONNX file starts with its IR version (protobuf field 1,
 * byte {@code 0x08}, then a version above 0); anything else is read as safetensors, whose first 8 bytes are its header's
 * length, then {@code {} — and whose errors are the ones a damaged file gets.
 */
public final class ModelFormats {
    private ModelFormats() {}

    /** What a file holds. */
    public enum Format {
        GLASSBOX("a Glassbox model"), PYTORCH("a PyTorch state_dict"), ONNX("an ONNX model");

        private final String words;

        Format(String words) {
            this.words = words;
        }

        /** E.g. {@code an ONNX model}. */
        public String words() {
            return words;
        }
    }

    /**
     * How to read a model from another tool.
     *
     * @param layers    the spec of a PyTorch state_dict's network (its file holds weights only), or null
     * @param normalize the input normalisation the model was trained with outside its graph, or null
     */
    public record Options(NetworkSpec layers, OnnxImport.Normalize normalize) {
        /** Nothing given: Glassbox models and ONNX files need nothing. */
        public static final Options NONE = new Options(null, null);
    }

    /** Which format {@code bytes} hold, by their first bytes. */
    public static Format detect(byte[] bytes) {
        boolean safetensors = bytes.length >= 9 && bytes[8] == '{';
        // A safetensors header of 8 bytes (08 00 …) also starts with 0x08; an IR version is never 0.
        if (!safetensors && bytes.length > 1 && bytes[0] == 0x08 && bytes[1] != 0) {
            return Format.ONNX;
        }
        Map<String, String> metadata = new ModelFileReader(ByteBuffer.wrap(bytes)).readMetadata();
        return metadata.containsKey(ModelCodec.SPEC_KEY) || metadata.containsKey(ModelCodec.FORMAT_KEY)
                ? Format.GLASSBOX : Format.PYTORCH;
    }

    /**
     * Reads a model of any format.
     *
     * @throws ModelFileException naming the problem, e.g. a state_dict without {@code layers}
     * @throws IllegalArgumentException for options that do not apply to the file's format
     */
    public static SavedModel read(byte[] bytes, Options options) {
        Format format = detect(bytes);
        if (format != Format.PYTORCH && options.layers() != null) {
            throw new IllegalArgumentException("--layers applies to a PyTorch state_dict; the file is " + format.words()
                    + ", which records its layers");
        }
        if (format == Format.GLASSBOX && options.normalize() != null) {
            throw new IllegalArgumentException("--normalize applies to a model from another tool; the file is a Glassbox"
                    + " model, which reads what Glassbox feeds it");
        }
        return switch (format) {
            case GLASSBOX -> ModelCodec.read(bytes);
            case PYTORCH -> {
                if (options.layers() == null) {
                    throw ModelFileException.reading("model", null, "a PyTorch state_dict holds weights only: say how"
                            + " its layers connect with --layers (the lab: Layers of a PyTorch state_dict), e.g."
                            + " 784-512-relu-512-relu-10");
                }
                yield PytorchWeights.read(bytes, options.layers(), options.normalize());
            }
            case ONNX -> OnnxImport.read(OnnxGraph.read(bytes), options.normalize());
        };
    }
}
