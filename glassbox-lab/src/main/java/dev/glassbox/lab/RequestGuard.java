package dev.glassbox.lab;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which requests the lab answers. The lab has no login, so it relies on three rules, whatever
 * {@link LabSettings#allowRemote()} says:
 *
 * <ol>
 *   <li><b>Host.</b> A request must be addressed (its {@code Host} header) to an address the
 *       server listens on, or to a name the user allowed ({@code --allow-host}, and the
 *       {@code --host} name itself). Loopback names — {@code localhost}, {@code 127.x.x.x},
 *       {@code [::1]} — count when it listens on loopback or on every address ({@code 0.0.0.0},
 *       {@code ::}), which also brings in every address of the machine's own interfaces. The
 *       header is compared with these, never with itself: a page that points its own name at
 *       this machine (DNS rebinding) sends that name, and is refused. Address literals are
 *       compared as addresses, so {@code [::ffff:127.0.0.1]} is {@code 127.0.0.1}; names are
 *       never looked up.</li>
 *   <li><b>Origin.</b> A request that says where it comes from ({@code Origin}) must come from
 *       the very address it is sent to.</li>
 *   <li><b>Token.</b> Every request that is not GET or HEAD must be JSON (or, to {@value #MODEL_UPLOAD}
 *       only, {@code application/octet-stream}: both are types a form cannot send) and carry this run's
 *       random token in {@value #TOKEN_HEADER}, compared in constant time. The page reads the
 *       token from {@code GET /api/session}; no CORS header is ever sent, so a page from another
 *       origin cannot read that answer, and without the token it cannot change anything.</li>
 * </ol>
 */
final class RequestGuard {
    static final String TOKEN_HEADER = "X-Glassbox-Token";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-fA-F:.]+]");

    private final Set<InetAddress> addresses;
    private final Set<String> names;
    private final boolean loopback;
    private final String token;

    private RequestGuard(Set<InetAddress> addresses, Set<String> names, boolean loopback, String token) {
        this.addresses = Set.copyOf(addresses);
        this.names = Set.copyOf(names);
        this.loopback = loopback;
        this.token = token;
    }

    /** The rules for a server listening as {@code settings} say, with a new random token. */
    static RequestGuard of(LabSettings settings) {
        InetAddress bound = LabSettings.address(settings.host());
        Set<InetAddress> addresses = new HashSet<>();
        addresses.add(bound);
        if (bound.isAnyLocalAddress()) {
            addresses.addAll(interfaceAddresses());
        }
        Set<String> names = new HashSet<>();
        for (String name : settings.allowedHosts()) {
            names.add(name.toLowerCase(Locale.ROOT));
        }
        if (!isAddress(settings.host())) {
            names.add(settings.host().toLowerCase(Locale.ROOT)); // the name the user chose to listen on
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        return new RequestGuard(addresses, names, bound.isLoopbackAddress() || bound.isAnyLocalAddress(), token);
    }

    /** This run's token, for the page ({@code GET /api/session}). */
    String token() {
        return token;
    }

    /** The one route that takes a file's bytes rather than JSON. */
    static final String MODEL_UPLOAD = "/api/model/open";

    /** Refuses {@code ctx} with 403 (or 415 for a state change that is not JSON) unless the rules above hold. */
    void check(Context ctx) {
        String host = ctx.header("Host");
        if (host == null || !allowed(hostOf(host))) {
            throw new ForbiddenResponse("the lab answers only requests to the addresses it listens on"
                    + (loopback ? " and localhost" : "") + ", got Host: " + host
                    + ". To reach it by another name, start it with --allow-host NAME");
        }
        String origin = ctx.header("Origin");
        if (origin != null && !sameOrigin(origin, host)) {
            throw new ForbiddenResponse("requests from " + origin + " are not accepted: expected a page of "
                    + "http://" + host);
        }
        String method = ctx.method().name();
        if (method.equals("GET") || method.equals("HEAD")) {
            return;
        }
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        boolean upload = ctx.path().equals(MODEL_UPLOAD) && type.startsWith("application/octet-stream");
        if (!type.startsWith("application/json") && !upload) {
            throw new HttpResponseException(HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode(),
                    "expected a JSON body (Content-Type: application/json)");
        }
        String sent = ctx.header(TOKEN_HEADER);
        if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            throw new ForbiddenResponse(TOKEN_HEADER + ": expected this lab's token, got "
                    + (sent == null ? "none" : "another") + ". Reload the page (the lab may have been restarted)");
        }
    }

    /** Whether a Host header's or an Origin's host part names this server. */
    boolean allowed(String host) {
        if (isLiteral(host)) {
            InetAddress address = literal(host);
            return address != null && (addresses.contains(address) || loopback && address.isLoopbackAddress());
        }
        String name = host.toLowerCase(Locale.ROOT);
        return names.contains(name) || loopback && name.equals("localhost");
    }

    private boolean sameOrigin(String origin, String host) {
        try {
            URI uri = URI.create(origin);
            return "http".equalsIgnoreCase(uri.getScheme()) && uri.getRawAuthority() != null
                    && uri.getRawAuthority().equalsIgnoreCase(host) && uri.getHost() != null && allowed(uri.getHost());
        } catch (IllegalArgumentException e) {
            return false; // e.g. "null", from a sandboxed frame or a file
        }
    }

    /** The host part of a Host header: {@code [::1]:8080} → {@code [::1]}, {@code localhost:80} → {@code localhost}. */
    static String hostOf(String hostHeader) {
        if (hostHeader.startsWith("[")) {
            int end = hostHeader.indexOf(']');
            return end < 0 ? hostHeader : hostHeader.substring(0, end + 1);
        }
        int colon = hostHeader.lastIndexOf(':');
        return colon < 0 ? hostHeader : hostHeader.substring(0, colon);
    }

    /** A dotted IPv4 address, or an IPv6 address in brackets (as in a URL). */
    static boolean isLiteral(String host) {
        return IPV4.matcher(host).matches() || IPV6.matcher(host).matches();
    }

    /** Whether {@code host}, as given to {@code --host}, is an address rather than a name (IPv6 with or without brackets). */
    static boolean isAddress(String host) {
        return IPV4.matcher(host).matches() || host.contains(":");
    }

    /** The address a literal stands for (no lookup: it is a literal); null if it is not a valid address. */
    private static InetAddress literal(String host) {
        try {
            if (host.startsWith("[")) {
                return InetAddress.getByName(host.substring(1, host.length() - 1)); // has a ':', so never looked up
            }
            String[] parts = host.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int part = Integer.parseInt(parts[i]);
                if (part > 255) {
                    return null; // not an address; InetAddress would look it up as a name
                }
                bytes[i] = (byte) part;
            }
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Every address of this machine's interfaces, without IPv6 scopes (a Host header has none). */
    private static Set<InetAddress> interfaceAddresses() {
        Set<InetAddress> all = new HashSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    all.add(InetAddress.getByAddress(address.getAddress()));
                }
            }
        } catch (SocketException | UnknownHostException e) {
            // Without the list, only loopback names and --allow-host names reach a wildcard-bound lab.
        }
        return all;
    }
}
