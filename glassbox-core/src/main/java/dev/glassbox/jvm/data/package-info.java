/**
 * Data on the JVM: the host half of {@link dev.glassbox.data}. The engine parses IDX bytes and
 * resizes and prepares decoded images; here are the folders (MNIST's four files, a folder of
 * images per class), files, checksums (SHA-256 is not in every Java class library), downloads and
 * image decoding. Nothing in the engine imports this package.
 */
package dev.glassbox.jvm.data;
