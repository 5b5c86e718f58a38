package io.newsflow.ingest.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which addresses a feed or article URL may lead to. A URL taken from a stranger (a registered feed, a feed item's
 * link, a redirect) must not make the service reach into its own network: loopback, private, link-local (cloud
 * metadata at 169.254.169.254 included), carrier-grade NAT, multicast, unspecified and reserved addresses are refused,
 * in IPv4 and IPv6, including IPv4 addresses embedded in IPv6 ones (mapped, compatible, 6to4, NAT64).
 */
public class AddressPolicy {

    private final boolean allowPrivate;

    public AddressPolicy(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Why the service must not connect to {@code address}, or null when it may. */
    public String refusal(InetAddress address) {
        if (allowPrivate) {
            return null;
        }
        return nonPublicReason(address);
    }

    /** Why {@code address} is not a public unicast address, or null when it is. */
    public static String nonPublicReason(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            InetAddress embedded = embeddedIpv4(b);
            if (embedded != null) {
                String reason = nonPublicReason(embedded);
                return reason == null ? null : reason + " (embedded in " + v6.getHostAddress() + ")";
            }
            if ((b[0] & 0xfe) == 0xfc) {
                return "a unique-local IPv6 address";
            }
            if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
                return "a site-local IPv6 address";
            }
        }
        if (address.isAnyLocalAddress()) {
            return "the unspecified address";
        }
        if (address.isLoopbackAddress()) {
            return "a loopback address";
        }
        if (address.isLinkLocalAddress()) {
            return "a link-local address (cloud metadata services live there)";
        }
        if (address.isSiteLocalAddress()) {
            return "a private address";
        }
        if (address.isMulticastAddress()) {
            return "a multicast address";
        }
        if (address instanceof Inet4Address v4) {
            return ipv4Reason(v4.getAddress());
        }
        return null;
    }

    private static String ipv4Reason(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0) {
            return "a 'this network' address";
        }
        if (first == 100 && (second & 0xc0) == 64) {
            return "a carrier-grade NAT address (some cloud metadata services live there)";
        }
        if (first == 192 && second == 0 && (b[2] & 0xff) == 0) {
            return "an IETF protocol assignment address";
        }
        if (first == 198 && (second & 0xfe) == 18) {
            return "a benchmarking address";
        }
        if (first >= 240) {
            return "a reserved or broadcast address";
        }
        return null;
    }

    /** The IPv4 address an IPv6 one carries (compatible ::a.b.c.d, 6to4 2002::/16, NAT64 64:ff9b::/96), or null. */
    private static InetAddress embeddedIpv4(byte[] b) {
        try {
            boolean zeroPrefix = true;
            for (int i = 0; i < 12; i++) {
                zeroPrefix &= b[i] == 0;
            }
            // ::1 and :: are IPv6 loopback and unspecified, handled as such.
            if (zeroPrefix && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] == 0 || b[15] == 1))) {
                return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
            }
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
                return InetAddress.getByAddress(new byte[] {b[2], b[3], b[4], b[5]});
            }
            boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
            for (int i = 4; i < 12; i++) {
                nat64 &= b[i] == 0;
            }
            if (nat64) {
                return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
            }
            return null;
        } catch (UnknownHostException e) {
            throw new IllegalStateException("Four bytes always make an IPv4 address", e);
        }
    }
}
