/**
 * The lab: a local web page that shows a network as the classic picture draws it, runs drawings
 * and test digits through it, trains it live, and walks through one backprop step with the
 * engine's own numbers.
 *
 * <p>{@link dev.glassbox.lab.LabServer} serves the page (from this jar) and a JSON API over
 * snapshots of the model; it sees the engine only through the model API, the trainer's
 * {@code TrainingRun} and listener events, and {@code dev.glassbox.explain}. Start it with
 * {@code glassbox lab}; {@link dev.glassbox.lab.StepFigures} draws the backprop steps as SVG for
 * {@code glassbox explain}.
 */
package dev.glassbox.lab;
