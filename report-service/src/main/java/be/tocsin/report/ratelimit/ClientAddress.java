package be.tocsin.report.ratelimit;

import java.net.InetAddress;
import java.util.List;

import com.google.common.net.InetAddresses;

/**
 * Who the client is, for rate limiting: the peer address, or the address a trusted proxy put in
 * {@code X-Forwarded-For}. Only literal addresses and CIDR blocks are trusted, so no request ever
 * waits for a DNS lookup, and a client cannot claim another address by sending the header itself.
 */
public final class ClientAddress {

    private final List<Block> trustedProxies;

    public ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(Block::parse).toList();
    }

    /**
     * The client behind {@code peer}: walking {@code X-Forwarded-For} from the right (the entry our
     * own proxy added) past every trusted proxy, the first untrusted address.
     */
    public String resolve(String peer, String forwardedFor) {
        if (forwardedFor == null || forwardedFor.isBlank() || !trusted(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!InetAddresses.isInetAddress(hop)) {
                return peer;
            }
            if (!trusted(hop) || i == 0) {
                return hop;
            }
        }
        return peer;
    }

    private boolean trusted(String address) {
        return address != null && InetAddresses.isInetAddress(address)
                && trustedProxies.stream().anyMatch(block -> block.contains(InetAddresses.forString(address)));
    }

    /** An address or CIDR block: {@code 10.0.0.0/8}, {@code 127.0.0.1}, {@code ::1}. */
    record Block(byte[] network, int prefixBits) {

        static Block parse(String text) {
            String[] parts = text.strip().split("/");
            byte[] address = InetAddresses.forString(parts[0]).getAddress();
            int bits = parts.length > 1 ? Integer.parseInt(parts[1]) : address.length * 8;
            return new Block(address, bits);
        }

        boolean contains(InetAddress candidate) {
            byte[] bytes = candidate.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefixBits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
