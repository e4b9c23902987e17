/**
 * One example at a time, every number on the way: what each layer computed for it, how the loss
 * pushes back through each layer, each parameter's gradient and the change an optimizer step makes;
 * and which inputs made one output's score ({@link dev.glassbox.explain.Attribution}), and how few
 * input changes flip the answer ({@link dev.glassbox.explain.Nudge}).
 *
 * <p>For pictures and teaching (the lab, {@code glassbox explain}), not for training: each call
 * runs a private copy of the network one layer at a time through the layers' own public
 * {@code forward} and {@code backward} and the loss's own {@code valueAndGradient}, so every number
 * is the engine's, and nothing here is derived a second time.
 */
package dev.glassbox.explain;
