/**
 * Files on the JVM: the host half of {@link dev.glassbox.io}. The engine's codecs turn models and
 * checkpoints into bytes and back; here those bytes meet paths, temporary files, renames and
 * {@code fsync}, and errors gain the file's name. Nothing in the engine imports this package.
 */
package dev.glassbox.jvm.io;
