package io.likeness.mcdm.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDArray;
import java.util.List;

/** The CLIP-like text encoder: prompts → token embeddings (B, maxTokens, width). */
public interface TextConditioner {

    NDArray encode(NDManager manager, List<String> prompts);

    int maxTokens();

    int width();
}
