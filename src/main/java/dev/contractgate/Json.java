package dev.contractgate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.contractgate.validation.FieldError;
import dev.contractgate.validation.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The JSON conventions of the HTTP interface: snake_case, RFC 3339 times, unknown fields of our own inputs refused.
 * Input is read strictly: one JSON value and nothing after it, no field twice, UTF-8 only.
 */
public final class Json {
    private Json() {
    }

    public static ObjectMapper create() {
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    /**
     * A chat webhook's body as one JSON object: UTF-8, nothing after it, no field twice. A raw control character
     * inside a string is not JSON, but it is text someone wrote: it is let through, for the channel to remove.
     *
     * @param what what the object must be, for the refusal: "a JSON object", "a JSON object (an activity)"
     * @throws InvalidInputException naming {@code body}
     */
    public static JsonNode chatWebhookObject(ObjectMapper mapper, byte[] body, String what) {
        JsonNode root;
        try {
            root = mapper.reader().with(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS).readTree(utf8(body));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("body is not JSON",
                    List.of(new FieldError("body", "not valid JSON: " + e.getOriginalMessage())));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("body", "must be " + what);
        }
        return root;
    }

    /**
     * A request body as text, refused unless it is valid UTF-8 (JSON's only encoding on the wire, RFC 8259). Jackson on
     * its own guesses UTF-16 and UTF-32 from the bytes; a body in those must not be taken for what it is not.
     *
     * @throws InvalidInputException naming {@code body}
     */
    public static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("body", "is not valid UTF-8 text");
        }
    }
}
