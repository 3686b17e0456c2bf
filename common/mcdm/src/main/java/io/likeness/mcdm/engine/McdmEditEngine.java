package io.likeness.mcdm.engine;

import io.likeness.mcdm.edit.EditRequest;
import io.likeness.mcdm.edit.EditResult;
import io.likeness.mcdm.edit.Editor;
import io.likeness.mcdm.edit.PreparedImage;
import io.likeness.mcdm.guidance.GuidanceScales;
import io.likeness.mcdm.mask.EditingMask;
import io.likeness.mcdm.mask.MaskMap;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The production {@link EditEngine}: the MCDM {@link Editor} of the requested checkpoint version, taken from a
 * {@link CheckpointCache}. The mask stage's binary mask is handed to the edit as a provided mask (the same
 * model-resolution map the mask stage computed), so the edit stage never recomputes it.
 *
 * <p>The networks may be used from one thread at a time ({@link io.likeness.mcdm.model.EpsilonModel}), so calls on
 * one checkpoint version are serialised (the Editor is the lock); with a worker concurrency above 1, decoding,
 * storage and Kafka work of other jobs still overlap, and different versions run in parallel.
 */
public final class McdmEditEngine implements EditEngine {

    private final CheckpointCache checkpoints;

    public McdmEditEngine(CheckpointCache checkpoints) {
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
    }

    @Override
    public MaskOutput mask(MaskInput in) {
        try (CheckpointCache.Lease lease = checkpoints.acquire(in.checkpointVersion())) {
            Editor editor = lease.editor();
            synchronized (editor) {
                try (PreparedImage prepared = editor.prepare(in.modelInput())) {
                    EditingMask mask = editor.mask(prepared, in.sourcePrompt(), in.targetPrompt(), in.lambda(),
                            in.seed(), GuidanceScales.paper(), in.canceled());
                    MaskMap soft = mask.softImage();
                    return new MaskOutput(soft.width(), soft.values(), mask.binaryImage().values());
                }
            }
        }
    }

    @Override
    public EditOutput edit(EditInput in) {
        BufferedImage image = in.prepared();
        try (CheckpointCache.Lease lease = checkpoints.acquire(in.checkpointVersion())) {
            Editor editor = lease.editor();
            EditRequest.Builder request = EditRequest.builder(in.targetPrompt())
                    .sourcePrompt(in.sourcePrompt())
                    .seed(in.seed())
                    .steps(in.steps())
                    .scales(new GuidanceScales(in.imageScale(), in.spatialScale(), in.textScale()))
                    .progress(in.progress())
                    .canceled(in.canceled());
            if (in.mask().isPresent()) {
                request.providedMask(new MaskMap(image.getHeight(), image.getWidth(), in.mask().get()));
            } else {
                request.noMask();
            }
            EditResult result;
            synchronized (editor) {
                try (PreparedImage prepared = editor.prepare(image)) {
                    result = editor.edit(prepared, request.build());
                }
            }
            Map<String, String> settings = new LinkedHashMap<>(result.settings().toMetadata());
            return new EditOutput(result.image(), settings);
        }
    }
}
