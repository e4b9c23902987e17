package dev.glassbox.io;

import dev.glassbox.nn.Network;
import dev.glassbox.nn.NetworkSpec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A PyTorch {@code state_dict} saved as safetensors ({@code safetensors.torch.save_file}) as a
 * Glassbox network. The file holds weights only; {@code --layers} says how they connect and which
 * activations lie between them (e.g. {@code 784-512-relu-512-relu-10}). Tensors are
 * {@code <module>.weight} (out, in) and {@code <module>.bias} (out): {@code nn.Sequential}'s
 * numbers ({@code 1.weight} after a {@code Flatten}) or named modules ({@code fc1.weight}).
 *
 * <p>Each dense layer of the spec, first to last, takes the module whose weight has its shape
 * (out, in); when several have, the first in natural name order ({@code 2} before {@code 10},
 * {@code fc2} before {@code fc10}). A tensor that fits no layer, or a layer no tensor fits, is one
 * line naming both.
 */
public final class PytorchWeights {
    private PytorchWeights() {}

    /**
     * @param layers    the network the weights belong to
     * @param normalize folded into the first layer ({@link OnnxImport.Normalize}), or null
     * @throws ModelFileException naming the tensor and the layer that disagree
     */
    public static SavedModel read(byte[] bytes, NetworkSpec layers, OnnxImport.Normalize normalize) {
        ModelFileReader.Tensors tensors = new ModelFileReader(ByteBuffer.wrap(bytes)).readTensors();
        Map<String, String> modules = modules(tensors);
        List<String> order = new ArrayList<>(modules.keySet());
        order.sort(PytorchWeights::natural);
        Map<String, float[]> values = new LinkedHashMap<>();
        int width = layers.inputSize();
        int dense = 0;
        for (int step = 0; step < layers.steps().size(); step++) {
            if (!(layers.steps().get(step) instanceof NetworkSpec.DenseStep d)) {
                continue;
            }
            dense++;
            String module = null;
            for (String m : order) {
                long[] shape = tensors.shapes().get(m + ".weight");
                if (shape[0] == d.size() && shape[1] == width) {
                    module = m;
                    break;
                }
            }
            if (module == null) {
                throw fail(order.isEmpty()
                        ? "layer " + dense + " of " + layers + " (" + width + " → " + d.size() + ") has no weights left in"
                                + " the file; it holds fewer layers than --layers names"
                        : "tensor " + order.get(0) + ".weight has shape " + OnnxGraph.shapeText(tensors.shapes().get(
                                order.get(0) + ".weight")) + ", but layer " + dense + " of " + layers + " (" + width
                                + " → " + d.size() + ") needs [" + d.size() + ", " + width + "]. Check --layers against"
                                + " the model's Linear layers");
            }
            order.remove(module);
            float[] bias = new float[d.size()];
            float[] b = tensors.values().get(module + ".bias");
            if (b != null) {
                if (b.length != d.size()) {
                    throw fail("tensor " + module + ".bias holds " + b.length + " values, but layer " + dense + " of "
                            + layers + " has " + d.size() + " neurons");
                }
                System.arraycopy(b, 0, bias, 0, b.length);
            }
            float[] w = tensors.values().get(module + ".weight").clone();
            if (dense == 1 && normalize != null) {
                normalize.foldInto(w, bias, width);
            }
            values.put("layers." + step + ".weight", w);
            values.put("layers." + step + ".bias", bias);
            width = d.size();
        }
        if (!order.isEmpty()) {
            throw fail("tensor " + order.get(0) + ".weight " + OnnxGraph.shapeText(tensors.shapes().get(order.get(0)
                    + ".weight")) + " is used by no layer of " + layers + ": the file holds " + modules.size()
                    + " layers, --layers " + dense);
        }
        Network network = layers.build(0);
        network.setParameterValues(values);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("glassbox.loss", "cross-entropy");
        metadata.put("glassbox.imported_from", "pytorch state_dict (safetensors), layers " + layers);
        if (normalize != null) {
            metadata.put("glassbox.normalize", normalize.toString());
        }
        return new SavedModel(network, metadata);
    }

    /** Module name → its weight's name, for every {@code .weight}/{@code .bias} pair; anything else refused. */
    private static Map<String, String> modules(ModelFileReader.Tensors tensors) {
        Map<String, String> modules = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> t : tensors.shapes().entrySet()) {
            String name = t.getKey();
            if (name.endsWith(".weight") && t.getValue().length == 2) {
                modules.put(name.substring(0, name.length() - ".weight".length()), name);
            } else if (!(name.endsWith(".bias") && t.getValue().length == 1)) {
                throw fail("tensor " + name + " " + OnnxGraph.shapeText(t.getValue()) + " is neither a Linear layer's"
                        + " weight (2-D) nor its bias (1-D); Glassbox imports networks of Linear layers");
            }
        }
        for (String name : tensors.shapes().keySet()) {
            if (name.endsWith(".bias") && !modules.containsKey(name.substring(0, name.length() - ".bias".length()))) {
                throw fail("tensor " + name + " is a bias without a weight");
            }
        }
        if (modules.isEmpty()) {
            throw fail("the file holds no Linear layer's weights");
        }
        return modules;
    }

    /** Natural order: runs of digits compare as numbers, so {@code 2} comes before {@code 10}. */
    static int natural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int iEnd = i;
                int jEnd = j;
                while (iEnd < a.length() && Character.isDigit(a.charAt(iEnd))) {
                    iEnd++;
                }
                while (jEnd < b.length() && Character.isDigit(b.charAt(jEnd))) {
                    jEnd++;
                }
                String p = withoutLeadingZeros(a.substring(i, iEnd));
                String q = withoutLeadingZeros(b.substring(j, jEnd));
                int c = p.length() != q.length() ? Integer.compare(p.length(), q.length()) : p.compareTo(q);
                if (c != 0) {
                    return c;
                }
                i = iEnd;
                j = jEnd;
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static String withoutLeadingZeros(String digits) {
        int k = 0;
        while (k < digits.length() - 1 && digits.charAt(k) == '0') {
            k++;
        }
        return digits.substring(k);
    }

    private static ModelFileException fail(String problem) {
        return ModelFileException.reading("model", null, problem);
    }
}
