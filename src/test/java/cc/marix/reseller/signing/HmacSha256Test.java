package cc.marix.reseller.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

/** RFC 4231, section 4: the HMAC-SHA256 test vectors. */
class HmacSha256Test {

    private static final HexFormat HEX = HexFormat.of();

    static Stream<Arguments> rfc4231() {
        return Stream.of(
                Arguments.of("1", repeat(0x0b, 20), ascii("Hi There"),
                        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
                Arguments.of("2", ascii("Jefe"), ascii("what do ya want for nothing?"),
                        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
                Arguments.of("3", repeat(0xaa, 20), repeat(0xdd, 50),
                        "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
                Arguments.of("4", HEX.parseHex("0102030405060708090a0b0c0d0e0f10111213141516171819"), repeat(0xcd, 50),
                        "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
                Arguments.of("6", repeat(0xaa, 131), ascii("Test Using Larger Than Block-Size Key - Hash Key First"),
                        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
                Arguments.of("7", repeat(0xaa, 131), ascii("This is a test using a larger than block-size key and a"
                        + " larger than block-size data. The key needs to be hashed before being used by the HMAC"
                        + " algorithm."),
                        "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"));
    }

    @ParameterizedTest(name = "RFC 4231 test case {0}")
    @MethodSource("rfc4231")
    void mac_shouldMatchRfc4231(String testCase, byte[] key, byte[] data, String expected) {
        assertEquals(expected, HEX.formatHex(HmacSha256.mac(key, data)));
    }

    @ParameterizedTest(name = "RFC 4231 test case 5 (truncated to 128 bits)")
    @MethodSource("truncated")
    void mac_shouldMatchRfc4231_whenTruncated(byte[] key, byte[] data, String expected) {
        assertEquals(expected, HEX.formatHex(Arrays.copyOf(HmacSha256.mac(key, data), 16)));
    }

    static Stream<Arguments> truncated() {
        return Stream.of(Arguments.of(repeat(0x0c, 20), ascii("Test With Truncation"),
                "a3b6167473100ee06e0c796c2955552b"));
    }

    private static byte[] repeat(int value, int count) {
        byte[] bytes = new byte[count];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
