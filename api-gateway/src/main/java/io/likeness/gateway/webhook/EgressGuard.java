package io.likeness.gateway.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * SSRF protection for webhook URLs, which are chosen by API clients and called from inside our network.
 *
 * <p>Before each attempt the URL is checked (only {@code http}/{@code https}, a host, no credentials in the
 * URL), then the host is resolved and <em>every</em> address it resolves to is checked: refused are unspecified
 * ({@code 0.0.0.0/8}, {@code ::}), loopback ({@code 127.0.0.0/8}, {@code ::1}), link-local
 * ({@code 169.254.0.0/16} including cloud metadata {@code 169.254.169.254}, {@code fe80::/10}), private
 * (RFC 1918, unique-local {@code fc00::/7}, deprecated site-local {@code fec0::/10}), carrier-grade NAT
 * ({@code 100.64.0.0/10}), IETF protocol assignments ({@code 192.0.0.0/24}), benchmarking
 * ({@code 198.18.0.0/15}), multicast, reserved ({@code 240.0.0.0/4}) and broadcast; IPv6 forms that embed an
 * IPv4 address (IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible, NAT64 {@code 64:ff9b::/96}, 6to4
 * {@code 2002::/16}) are judged by the embedded address.
 *
 * <p>{@code allowPrivateNetworks} (local development and tests) additionally allows loopback, RFC 1918,
 * unique-local and CGNAT. Link-local (cloud metadata), multicast and unspecified addresses stay refused even
 * then.
 *
 * <p><b>Remaining gap: DNS rebinding.</b> The HTTP client resolves the host again when it connects, so a hostile
 * DNS server answering with a public address for our check and a private one for the connection (TTL 0) gets
 * past this guard. {@code java.net.http} offers no hook to connect to a pre-resolved address while keeping the
 * host name for TLS (SNI, certificate checks). The robust fix is an egress proxy that resolves and checks at
 * connect time (e.g. Stripe's smokescreen) with the gateway's direct egress firewalled off; set
 * {@code likeness.webhooks.egress-proxy} to route every webhook through one. Redirects cannot bypass the guard:
 * they are not followed.
 */
public final class EgressGuard {

    /** Resolves a host name to its addresses (the JDK resolver in production; a fixed table in tests). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** The URL may not be called; the message says why, without contacting the host. */
    public static final class EgressDeniedException extends Exception {
        public EgressDeniedException(String message) {
            super(message);
        }
    }

    private final boolean allowPrivateNetworks;
    private final Resolver resolver;

    public EgressGuard(boolean allowPrivateNetworks) {
        this(allowPrivateNetworks, InetAddress::getAllByName);
    }

    public EgressGuard(boolean allowPrivateNetworks, Resolver resolver) {
        this.allowPrivateNetworks = allowPrivateNetworks;
        this.resolver = resolver;
    }

    public boolean allowsPrivateNetworks() {
        return allowPrivateNetworks;
    }

    /**
     * Checks the URL and every address its host resolves to.
     *
     * @return the resolved addresses, all allowed
     * @throws EgressDeniedException if the URL or any address is not allowed, or the host does not resolve
     */
    public List<InetAddress> check(URI url) throws EgressDeniedException {
        String host = checkUrl(url);
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new EgressDeniedException("host does not resolve: " + host);
        }
        if (addresses == null || addresses.length == 0) {
            throw new EgressDeniedException("host does not resolve: " + host);
        }
        for (InetAddress address : addresses) {
            Optional<String> refusal = refusal(address);
            if (refusal.isPresent()) {
                throw new EgressDeniedException(host + " resolves to " + address.getHostAddress() + " ("
                        + refusal.get() + "), which webhooks may not call");
            }
        }
        return List.of(addresses);
    }

    /**
     * The URL-level checks alone (scheme, host, no credentials), without resolving.
     *
     * @return the host, without IPv6 brackets
     */
    public String checkUrl(URI url) throws EgressDeniedException {
        if (url == null) {
            throw new EgressDeniedException("no webhook URL");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new EgressDeniedException("only http and https webhook URLs are allowed, not '" + scheme + "'");
        }
        if (url.getRawUserInfo() != null) {
            throw new EgressDeniedException("webhook URLs must not carry credentials");
        }
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            // URI leaves host null for things like http://a_b.example/ or http://user@:80; refuse, never guess
            throw new EgressDeniedException("webhook URL has no valid host: " + url.getRawAuthority());
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host;
    }

    /** Whether an address may be called under this guard's policy. */
    public boolean isAllowed(InetAddress address) {
        return refusal(address).isEmpty();
    }

    /** Why an address is refused, or empty if it is allowed. */
    public Optional<String> refusal(InetAddress address) {
        Category category = categorise(address);
        if (category == Category.PUBLIC) {
            return Optional.empty();
        }
        if (allowPrivateNetworks && category.allowedForDevelopment) {
            return Optional.empty();
        }
        return Optional.of(category.description);
    }

    /** What kind of address this is. */
    enum Category {
        PUBLIC("public", true),
        UNSPECIFIED("unspecified", false),
        LOOPBACK("loopback", true),
        LINK_LOCAL("link-local, incl. cloud metadata", false),
        PRIVATE("private network", true),
        SHARED("carrier-grade NAT", true),
        MULTICAST("multicast", false),
        RESERVED("reserved or special-purpose", false);

        final String description;
        final boolean allowedForDevelopment;

        Category(String description, boolean allowedForDevelopment) {
            this.description = description;
            this.allowedForDevelopment = allowedForDevelopment;
        }
    }

    static Category categorise(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return categoriseV4(b);
        }
        if (address instanceof Inet6Address) {
            return categoriseV6(b);
        }
        return Category.RESERVED;
    }

    private static Category categoriseV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        if (a0 == 0) {
            return Category.UNSPECIFIED; // 0.0.0.0/8 "this network"
        }
        if (a0 == 127) {
            return Category.LOOPBACK;
        }
        if (a0 == 169 && a1 == 254) {
            return Category.LINK_LOCAL;
        }
        if (a0 == 10 || (a0 == 172 && a1 >= 16 && a1 <= 31) || (a0 == 192 && a1 == 168)) {
            return Category.PRIVATE;
        }
        if (a0 == 100 && a1 >= 64 && a1 <= 127) {
            return Category.SHARED;
        }
        if (a0 >= 224 && a0 <= 239) {
            return Category.MULTICAST;
        }
        if (a0 >= 240) {
            return Category.RESERVED; // 240/4 and 255.255.255.255
        }
        if ((a0 == 192 && a1 == 0 && a2 == 0) || (a0 == 198 && (a1 == 18 || a1 == 19))) {
            return Category.RESERVED; // IETF protocol assignments, benchmarking
        }
        return Category.PUBLIC;
    }

    private static Category categoriseV6(byte[] b) {
        boolean first10Zero = true;
        for (int i = 0; i < 10; i++) {
            first10Zero &= b[i] == 0;
        }
        if (first10Zero && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return categoriseV4(new byte[] {b[12], b[13], b[14], b[15]}); // ::ffff:a.b.c.d
        }
        if (first10Zero && b[10] == 0 && b[11] == 0) {
            boolean first15Zero = b[12] == 0 && b[13] == 0 && b[14] == 0;
            if (first15Zero && b[15] == 0) {
                return Category.UNSPECIFIED; // ::
            }
            if (first15Zero && b[15] == 1) {
                return Category.LOOPBACK; // ::1
            }
            return categoriseV4(new byte[] {b[12], b[13], b[14], b[15]}); // deprecated ::a.b.c.d
        }
        int h0 = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
        if (h0 == 0x0064 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            return categoriseV4(new byte[] {b[12], b[13], b[14], b[15]}); // NAT64 64:ff9b::/96
        }
        if (h0 == 0x2002) {
            return categoriseV4(new byte[] {b[2], b[3], b[4], b[5]}); // 6to4
        }
        if ((b[0] & 0xff) == 0xff) {
            return Category.MULTICAST;
        }
        if ((h0 & 0xffc0) == 0xfe80) {
            return Category.LINK_LOCAL;
        }
        if ((h0 & 0xffc0) == 0xfec0 || (h0 & 0xfe00) == 0xfc00) {
            return Category.PRIVATE; // site-local (deprecated), unique-local fc00::/7
        }
        if (h0 == 0x2001 && b[2] == 0 && b[3] == 0) {
            return Category.RESERVED; // Teredo: the embedded client cannot be checked
        }
        if (h0 == 0x2001 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            return Category.RESERVED; // documentation 2001:db8::/32
        }
        if ((h0 & 0xe000) != 0x2000) {
            return Category.RESERVED; // outside global unicast 2000::/3
        }
        return Category.PUBLIC;
    }
}
