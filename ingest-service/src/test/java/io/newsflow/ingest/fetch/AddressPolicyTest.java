package io.newsflow.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

class AddressPolicyTest {

    private static InetAddress address(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void everyNonPublicAddressIsRefusedInEveryEncoding() throws Exception {
        AddressPolicy policy = new AddressPolicy(false);
        for (String literal : List.of(
                "127.0.0.1", "127.1", "2130706433", "0.0.0.0", "10.1.2.3", "172.16.0.1", "192.168.1.1",
                "169.254.169.254", "100.100.100.200", "100.64.0.1", "224.0.0.1", "255.255.255.255", "198.18.0.1",
                "::1", "::", "fe80::1", "fc00::1", "fd00:ec2::254", "fec0::1", "ff02::1",
                "::ffff:127.0.0.1", "::ffff:7f00:1", "::127.0.0.1", "::ffff:169.254.169.254", "2002:7f00:1::1",
                "2002:a9fe:a9fe::", "64:ff9b::a9fe:a9fe", "64:ff9b::10.0.0.1")) {
            assertThat(policy.refusal(address(literal))).as(literal).isNotNull();
        }
    }

    @Test
    void publicAddressesAreAllowed() throws Exception {
        AddressPolicy policy = new AddressPolicy(false);
        for (String literal : List.of("93.184.216.34", "1.1.1.1", "2606:4700:4700::1111", "::ffff:93.184.216.34",
                "2002:5db8:d822::1")) {
            assertThat(policy.refusal(address(literal))).as(literal).isNull();
        }
    }

    @Test
    void theRefusalSaysWhatKindOfAddressItIs() throws Exception {
        AddressPolicy policy = new AddressPolicy(false);

        assertThat(policy.refusal(address("127.0.0.1"))).contains("loopback");
        assertThat(policy.refusal(address("169.254.169.254"))).contains("metadata");
        assertThat(policy.refusal(address("::ffff:10.0.0.1"))).contains("private");
    }

    @Test
    void allowingPrivateAddressesLetsLoopbackThrough() throws Exception {
        assertThat(new AddressPolicy(true).refusal(address("127.0.0.1"))).isNull();
    }
}
