package dev.glassbox.lab;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where the lab listens and where it saves.
 *
 * @param host the address to bind, {@code 127.0.0.1} unless the user asks otherwise
 * @param port 0 picks a free port
 * @param allowRemote binding to an address other hosts can reach must be asked for explicitly:
 *     the lab has no login, and anyone who reaches it can train, save and read the model
 * @param allowedHosts names (or addresses) the page may be reached by besides those the server listens
 *     on, e.g. a name of this machine that other machines use ({@link RequestGuard} says why)
 * @param saveTo the one file the page's Save button writes (atomically)
 */
public record LabSettings(String host, int port, boolean allowRemote, List<String> allowedHosts, Path saveTo) {
    public static final String LOOPBACK = "127.0.0.1";
    /** A host name or an address as written in a URL: no scheme, port, path or spaces. */
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:.]+]");

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
        allowedHosts = List.copyOf(allowedHosts == null ? List.of() : allowedHosts);
        for (String name : allowedHosts) {
            if (!HOST_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("lab: --allow-host expects a host name such as mybox.local or an"
                        + " address such as 192.0.2.7 or [2001:db8::7], got '" + name + "'");
            }
        }
        if (!allowRemote && !isLoopback(host)) {
            throw new IllegalArgumentException("lab: refusing to listen on " + host + ", which other machines may"
                    + " reach: the lab has no login. Use 127.0.0.1, or allow it explicitly (--allow-remote)");
        }
    }

    /** Listening on {@code host}:{@code port}, reached by its own addresses only. */
    public LabSettings(String host, int port, boolean allowRemote, Path saveTo) {
        this(host, port, allowRemote, List.of(), saveTo);
    }

    /** Loopback only, on a free port. */
    public static LabSettings local(Path saveTo) {
        return new LabSettings(LOOPBACK, 0, false, saveTo);
    }

    /** Whether {@code host} names only this machine (a name is resolved; all its addresses must be loopback). */
    static boolean isLoopback(String host) {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(bare(host));
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

    /**
     * The address {@code host} binds to, as the server binds it (a name: its first address). An
     * IPv4-mapped IPv6 address such as {@code ::ffff:127.0.0.1} is its IPv4 address.
     */
    static InetAddress address(String host) {
        try {
            return InetAddress.getByName(bare(host));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("lab: unknown host " + host + ": " + e.getMessage());
        }
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
