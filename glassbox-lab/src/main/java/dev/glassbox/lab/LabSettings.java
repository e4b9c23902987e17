package dev.glassbox.lab;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/**
 * Where the lab listens and where it saves.
 *
 * @param host the address to bind, {@code 127.0.0.1} unless the user asks otherwise
 * @param port 0 picks a free port
 * @param allowRemote binding to an address other hosts can reach must be asked for explicitly:
 *     the lab has no login, and anyone who reaches it can train, save and read the model
 * @param saveTo the one file the page's Save button writes (atomically)
 */
public record LabSettings(String host, int port, boolean allowRemote, Path saveTo) {
    public static final String LOOPBACK = "127.0.0.1";

    public LabSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("lab: the host must not be empty; the default is " + LOOPBACK);
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("lab: port must be 0..65535 (0 = any free port), got " + port);
        }
        if (saveTo == null) {
            throw new IllegalArgumentException("lab: a file to save models to is required");
        }
        if (!allowRemote && !isLoopback(host)) {
            throw new IllegalArgumentException("lab: refusing to listen on " + host + ", which other machines may"
                    + " reach: the lab has no login. Use 127.0.0.1, or allow it explicitly (--allow-remote)");
        }
    }

    /** Loopback only, on a free port. */
    public static LabSettings local(Path saveTo) {
        return new LabSettings(LOOPBACK, 0, false, saveTo);
    }

    /** Whether {@code host} names only this machine (a name is resolved; all its addresses must be loopback). */
    static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            InetAddress[] addresses = InetAddress.getAllByName(bare);
            for (InetAddress address : addresses) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return addresses.length > 0;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("lab: unknown host " + host + ": " + e.getMessage());
        }
    }
}
