package fm.catalog.common.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fm.catalog.common.problem.ApiException;
import fm.catalog.common.problem.JsonProblems;
import fm.catalog.common.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * PATCH as a PUT of the merged document: the current input form of the resource, merged with the
 * client's RFC 7396 patch, is read and validated exactly like a PUT body.
 */
@ApplicationScoped
public class MergePatcher {
    private final ObjectMapper mapper;

    public MergePatcher(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public <T> T apply(T current, JsonNode patch, Class<T> type) {
        if (patch == null || !patch.isObject()) {
            throw new ApiException(ProblemType.VALIDATION, "A merge patch must be a JSON object.");
        }
        JsonNode merged = MergePatch.apply(mapper.valueToTree(current), patch);
        try {
            return mapper.treeToValue(merged, type);
        } catch (JsonProcessingException e) {
            throw JsonProblems.of(e);
        }
    }
}
