/**
 * Hyper-parameter search: a {@link dev.glassbox.sweep.SearchSpace} draws the settings of each
 * {@link dev.glassbox.sweep.Trial}, a trial trains one network and returns a
 * {@link dev.glassbox.sweep.TrialResult}, ranked by validation accuracy. Where trials run (a
 * thread pool, a cluster) is the caller's choice.
 */
package dev.glassbox.sweep;
