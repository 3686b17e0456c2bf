package io.likeness.mcdm.checkpoint;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The network architecture a checkpoint's weights belong to: a preset name plus its hyper-parameters as a free JSON
 * object (widths, depths, token counts, …), interpreted by the code that builds the blocks.
 */
public record ArchitectureSpec(String preset, ObjectNode hyperParameters) {

    public ArchitectureSpec {
        hyperParameters = hyperParameters == null ? JsonNodeFactory.instance.objectNode() : hyperParameters.deepCopy();
    }

    @Override
    public ObjectNode hyperParameters() {
        return hyperParameters.deepCopy();
    }
}
