package io.likeness.gateway.submit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a submission. {@code image} and {@code mask.image} are data URIs
 * ({@code data:image/png;base64,...}). {@code edit} is a string or an array of strings.
 */
public record SubmitJson(String image, JsonNode edit, Long seed, Integer steps, Guidance guidance, Mask mask,
                         Webhook webhook, Map<String, String> metadata, String deadline) {

    public record Guidance(Double image, Double spatial, Double text) {
    }

    public record Mask(String mode, Double threshold, String image) {
    }

    public record Webhook(String url, List<String> events) {
    }
}
