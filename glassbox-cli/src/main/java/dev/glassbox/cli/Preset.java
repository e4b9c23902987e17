package dev.glassbox.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Recipes for {@code train --preset NAME}: the published results for fully connected networks
 * on MNIST, each as the options that reproduce it, plus one of our own. Options given next to
 * {@code --preset} override the preset's. RECIPES.md records what each achieves here.
 */
enum Preset {
    LECUN98("lecun98", "LeCun, Bottou, Bengio and Haffner (1998), 2-layer network 300+100 hidden units", 3.05,
            "--layers", "784-300-tanh-100-tanh-10", "--optimizer", "momentum", "--learning-rate", "0.02",
            "--batch-size", "32", "--epochs", "20", "--schedule", "cosine"),
    SIMARD03("simard03", "Simard, Steinkraus and Platt (2003), 784-800-10 with cross-entropy, no distortions", 1.6,
            "--layers", "784-800-relu-10", "--optimizer", "momentum", "--learning-rate", "0.02",
            "--batch-size", "64", "--epochs", "30", "--schedule", "cosine"),
    SIMARD03_AFFINE("simard03-affine", "Simard et al. (2003), 784-800-10 with affine distortions", 1.1,
            "--layers", "784-800-relu-10", "--optimizer", "momentum", "--learning-rate", "0.02",
            "--batch-size", "64", "--epochs", "60", "--schedule", "cosine", "--augment", "affine"),
    SIMARD03_ELASTIC("simard03-elastic", "Simard et al. (2003), 784-800-10 with elastic distortions", 0.7,
            "--layers", "784-800-relu-10", "--optimizer", "momentum", "--learning-rate", "0.02",
            "--batch-size", "64", "--epochs", "120", "--schedule", "cosine", "--augment", "elastic"),
    DROPOUT14("dropout14", "Srivastava, Hinton, Krizhevsky, Sutskever and Salakhutdinov (2014), 3 × 1024 ReLU with"
            + " dropout (input 0.2, hidden 0.5), max-norm and a momentum ramp; its settings were tuned with 5,000"
            + " images held out, so it trains on all 60,000 and keeps the last epoch", 1.06,
            "--layers", "784-dropout0.2-1024-relu-dropout0.5-1024-relu-dropout0.5-1024-relu-dropout0.5-10",
            "--optimizer", "momentum", "--momentum", "0.99", "--momentum-ramp", "0.5:30", "--learning-rate", "0.003",
            "--max-norm", "3.5", "--batch-size", "100", "--epochs", "250", "--schedule", "cosine",
            "--validation", "0"),
    BEST("best", "Glassbox's own: 784-1024-1024-10 ReLU with affine and elastic distortions, 200 epochs;"
            + " aims at ≤ 0.6 % error in under an hour on 2 cores", 0,
            "--layers", "784-1024-relu-1024-relu-10", "--optimizer", "momentum", "--learning-rate", "0.02",
            "--batch-size", "64", "--epochs", "200", "--schedule", "cosine",
            "--augment", "affine:rotate=8,scale=0.08,shear=0.15,shift=1.5+elastic:alpha=34,sigma=5");

    private final String name;
    private final String reproduces;
    /** The test error the paper reported, in %; 0 for our own. */
    private final double paperError;
    private final List<String> args;

    Preset(String name, String reproduces, double paperError, String... args) {
        this.name = name;
        this.reproduces = reproduces;
        this.paperError = paperError;
        this.args = List.of(args);
    }

    static Preset byName(String text) {
        String key = text.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.name.equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown preset '" + text + "'. Known: " + names()));
    }

    static String names() {
        return String.join(", ", Arrays.stream(values()).map(p -> p.name).toList());
    }

    String presetName() {
        return name;
    }

    /** The options this preset stands for. */
    List<String> args() {
        return args;
    }

    /** What it is and what it reproduces, for the start of a run. */
    String banner() {
        String paper = paperError > 0 ? String.format(Locale.ROOT, "; the paper reported %.2f %% test error", paperError)
                : "";
        return "Preset " + name + ": " + reproduces + paper + ".\n  = train " + String.join(" ", args);
    }
}
