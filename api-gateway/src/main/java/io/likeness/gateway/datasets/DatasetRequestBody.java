package io.likeness.gateway.datasets;

import java.util.List;

/** {@code POST /v1/datasets} body. {@code seed} defaults to a random one. */
public record DatasetRequestBody(List<Direction> directions, Integer pairsPerDirection, Long seed,
                                 String baseModelVersion) {

    public record Direction(String id, String sourceDescription, String targetDescription, Double lambda) {
    }
}
