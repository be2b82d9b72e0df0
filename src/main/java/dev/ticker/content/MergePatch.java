package dev.ticker.content;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ticker.problem.ProblemException;
import dev.ticker.problem.ProblemMapper;

/** JSON Merge Patch, RFC 7396. */
public final class MergePatch {

    public static final String MEDIA_TYPE = "application/merge-patch+json";

    private MergePatch() {
    }

    /** Refuses (400) a merge patch that is not a JSON object, before anything is looked up. */
    public static void requireObject(JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw ProblemException.badRequest("A merge patch must be a JSON object.");
        }
    }

    /**
     * The request a merge patch makes of the current one: applied to its JSON, read back as the
     * request type (strict, as a request body is), and validated. A document that no longer fits
     * the type is a 400; one that is invalid, a 422 naming each field.
     *
     * @param noun what the resource is called in messages ("news item")
     */
    public static <Q> Q patched(ObjectMapper mapper, Validator validator, Object current, JsonNode patch, Class<Q> type,
            String noun) {
        Q request;
        try {
            request = mapper.treeToValue(apply(mapper.valueToTree(current), patch), type);
        } catch (JsonProcessingException e) {
            throw ProblemMapper.malformed(e);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("The patched document does not fit the " + noun + " schema.");
        }
        Set<ConstraintViolation<Q>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return request;
    }

    /** Applies {@code patch} to a copy of {@code target} and returns the result. */
    public static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), apply(result.get(field.getKey()), field.getValue()));
            }
        }
        return result;
    }
}
