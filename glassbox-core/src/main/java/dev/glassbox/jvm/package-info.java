/**
 * The JVM host's side of the engine: files, the network, image decoding and resources, which the
 * engine packages leave to whoever runs them (the command line, the lab, a Spark task). The engine
 * never imports {@code dev.glassbox.jvm}; an architecture test ({@code EngineArchitectureTest}, ArchUnit over the compiled classes) says so.
 */
package dev.glassbox.jvm;
