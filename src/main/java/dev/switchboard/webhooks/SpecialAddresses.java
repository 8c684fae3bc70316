package dev.switchboard.webhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Every range of the IANA IPv4 and IPv6 Special-Purpose Address Registries
 * (iana.org/assignments/iana-ipv4-special-registry, …/iana-ipv6-special-registry), with
 * multicast, the reserved 240.0.0.0/4 and the deprecated site-local fec0::/10: no webhook
 * goes to any of them. Ranges that carry an IPv4 address inside an IPv6 one (NAT64, 6to4,
 * IPv4-compatible and -mapped, Teredo) are refused whole, as they can reach any of the above.
 */
final class SpecialAddresses {

    private record Range(byte[] prefix, int bits) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (prefix[full] & mask);
        }
    }

    private static final List<Range> RANGES = List.of(
            // IPv4 special-purpose registry
            range("0.0.0.0/8"), range("10.0.0.0/8"), range("100.64.0.0/10"), range("127.0.0.0/8"),
            range("169.254.0.0/16"), range("172.16.0.0/12"), range("192.0.0.0/24"), range("192.0.2.0/24"),
            range("192.31.196.0/24"), range("192.52.193.0/24"), range("192.88.99.0/24"), range("192.168.0.0/16"),
            range("192.175.48.0/24"), range("198.18.0.0/15"), range("198.51.100.0/24"), range("203.0.113.0/24"),
            // multicast, and reserved (with the limited broadcast 255.255.255.255)
            range("224.0.0.0/4"), range("240.0.0.0/4"),
            // IPv6 special-purpose registry
            range("::/96"), range("::ffff:0:0/96"), range("64:ff9b::/96"), range("64:ff9b:1::/48"),
            range("100::/64"), range("100:0:0:1::/64"), range("2001::/23"), range("2001:db8::/32"),
            range("2002::/16"), range("2620:4f:8000::/48"), range("3fff::/20"), range("5f00::/16"),
            range("fc00::/7"), range("fe80::/10"),
            // deprecated site-local, and multicast
            range("fec0::/10"), range("ff00::/8"));

    private SpecialAddresses() {
    }

    /** True for an address in any special-purpose range. */
    static boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return RANGES.stream().anyMatch(range -> range.contains(bytes));
    }

    private static Range range(String cidr) {
        int slash = cidr.indexOf('/');
        try {
            // A literal address: no lookup happens.
            byte[] prefix = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
            int bits = Integer.parseInt(cidr.substring(slash + 1));
            if (cidr.contains(":") && prefix.length == 4) {
                // ::ffff:0:0 reads as an IPv4 address in Java; keep the range IPv6.
                prefix = ipv6Mapped(prefix);
            }
            return new Range(prefix, bits);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(cidr, e);
        }
    }

    private static byte[] ipv6Mapped(byte[] ipv4) {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(ipv4, 0, mapped, 12, 4);
        return mapped;
    }
}
