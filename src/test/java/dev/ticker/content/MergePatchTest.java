package dev.ticker.content;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON Merge Patch as RFC 7396 defines it; the cases are those of its Appendix A. */
class MergePatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> rfc7396AppendixA() {
        return Stream.of(
                Arguments.of("{\"a\":\"b\"}", "{\"a\":\"c\"}", "{\"a\":\"c\"}"),
                Arguments.of("{\"a\":\"b\"}", "{\"b\":\"c\"}", "{\"a\":\"b\",\"b\":\"c\"}"),
                Arguments.of("{\"a\":\"b\"}", "{\"a\":null}", "{}"),
                Arguments.of("{\"a\":\"b\",\"b\":\"c\"}", "{\"a\":null}", "{\"b\":\"c\"}"),
                Arguments.of("{\"a\":[\"b\"]}", "{\"a\":\"c\"}", "{\"a\":\"c\"}"),
                Arguments.of("{\"a\":\"c\"}", "{\"a\":[\"b\"]}", "{\"a\":[\"b\"]}"),
                Arguments.of("{\"a\":{\"b\":\"c\"}}", "{\"a\":{\"b\":\"d\",\"c\":null}}", "{\"a\":{\"b\":\"d\"}}"),
                Arguments.of("{\"a\":[{\"b\":\"c\"}]}", "{\"a\":[1]}", "{\"a\":[1]}"),
                Arguments.of("[\"a\",\"b\"]", "[\"c\",\"d\"]", "[\"c\",\"d\"]"),
                Arguments.of("{\"a\":\"b\"}", "[\"c\"]", "[\"c\"]"),
                Arguments.of("{\"a\":\"foo\"}", "null", "null"),
                Arguments.of("{\"a\":\"foo\"}", "\"bar\"", "\"bar\""),
                Arguments.of("{\"e\":null}", "{\"a\":1}", "{\"e\":null,\"a\":1}"),
                Arguments.of("[1,2]", "{\"a\":\"b\",\"c\":null}", "{\"a\":\"b\"}"),
                Arguments.of("{}", "{\"a\":{\"bb\":{\"ccc\":null}}}", "{\"a\":{\"bb\":{}}}"));
    }

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @MethodSource("rfc7396AppendixA")
    void appliesTheRfc7396Examples(String target, String patch, String result) throws JsonProcessingException {
        assertEquals(JSON.readTree(result), MergePatch.apply(JSON.readTree(target), JSON.readTree(patch)));
    }

    @ParameterizedTest(name = "{0} + {1} leaves {0} as it was")
    @MethodSource("rfc7396AppendixA")
    void leavesTheTargetUnchanged(String target, String patch, String result) throws JsonProcessingException {
        JsonNode original = JSON.readTree(target);
        MergePatch.apply(original, JSON.readTree(patch));
        assertEquals(JSON.readTree(target), original);
    }

    @Test
    void resultSharesNoNodesWithThePatch() throws JsonProcessingException {
        JsonNode patch = JSON.readTree("{\"region\":{\"state\":\"DE-SN\"}}");
        JsonNode merged = MergePatch.apply(JSON.readTree("{}"), patch);
        ((com.fasterxml.jackson.databind.node.ObjectNode) merged.get("region")).put("state", "DE-NW");
        assertEquals("DE-SN", patch.get("region").get("state").asText());
    }
}
