package cc.marix.reseller.provider.exchanger;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.api.JsonFields;
import cc.marix.reseller.signing.ExchangerIpnSignature;
import cc.marix.reseller.signing.Sha256;

/**
 * An IPN as the exchanger posts it ({@code application/x-www-form-urlencoded}): the values exactly as the form
 * carried them (decoded, never reformatted: the checksum is over them), and the checksum in {@code hash}.
 */
record IpnForm(Map<String, String> values) {

    static final String HASH = "hash";
    private static final List<String> AMOUNTS = List.of("inAmount", "outAmount");
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("[0-9]{1,20}(\\.[0-9]{1,18})?");

    static IpnForm parse(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("malformed_form", "an IPN is UTF-8 form data");
        }
        Map<String, String> values = new TreeMap<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                if (name.codePoints().anyMatch(JsonFields::invisibleControl)
                        || value.codePoints().anyMatch(JsonFields::invisibleControl)) {
                    throw ApiException.badRequest("malformed_form", "an IPN field holds control characters");
                }
                if (values.putIfAbsent(name, value) != null) {
                    // the name is not echoed: it is the sender's text
                    throw ApiException.badRequest("malformed_form", "an IPN field is given twice");
                }
            } catch (IllegalArgumentException badEscape) {
                throw ApiException.badRequest("malformed_form", "an IPN is form data (bad % escape)");
            }
        }
        for (String amount : AMOUNTS) {
            String value = values.get(amount);
            // an empty amount (an IPN about a status with nothing received yet) is no amount, not a malformed one
            if (value != null && !value.isEmpty() && !PLAIN_DECIMAL.matcher(value).matches()) {
                // "1e400", "-0", "NaN", other scripts' digits: no exchanger writes an amount so
                throw ApiException.badRequest("malformed_form", "an IPN amount is a plain decimal");
            }
        }
        return new IpnForm(values);
    }

    String get(String name) {
        return values.get(name);
    }

    ExchangerIpnSignature.Fields signed() {
        return new ExchangerIpnSignature.Fields(get("orderId"), get("newStatus"), get("inAmount"), get("outAmount"),
                get("xml_from"), get("xml_to"), get("timestamp"));
    }

    /**
     * The IPN's identity: sha256 of its signed fields. Unsigned extras (and the checksum's letter case) do not make a
     * replay new news.
     */
    String hash() {
        ExchangerIpnSignature.Fields fields = signed();
        String joined = String.join(":", fields.orderId(), fields.newStatus(), fields.inAmount(), fields.outAmount(),
                fields.xmlFrom(), fields.xmlTo(), fields.timestamp());
        return "ipn:" + Sha256.hex(joined.getBytes(StandardCharsets.UTF_8));
    }
}
