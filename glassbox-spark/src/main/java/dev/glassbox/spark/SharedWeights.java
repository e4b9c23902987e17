package dev.glassbox.spark;

import java.io.Serializable;
import java.util.Map;

/** What every shard starts a round from, broadcast once per round: the averaged parameters and optimizer arrays. */
record SharedWeights(Map<String, float[]> weights, Map<String, float[]> optimizer) implements Serializable {}
