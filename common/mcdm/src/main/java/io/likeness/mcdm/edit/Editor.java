package io.likeness.mcdm.edit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.likeness.mcdm.guidance.GuidanceScales;
import io.likeness.mcdm.guidance.McdmConditions;
import io.likeness.mcdm.guidance.McdmGuidance;
import io.likeness.mcdm.guidance.NullConditionPolicy;
import io.likeness.mcdm.mask.EditingMask;
import io.likeness.mcdm.mask.EditingMaskGenerator;
import io.likeness.mcdm.sampling.GaussianNoise;
import io.likeness.mcdm.sampling.SamplerRun;
import io.likeness.mcdm.sampling.UniPcSampler;
import io.likeness.mcdm.schedule.NoiseSchedule;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * The MCDM editing API the workers call: {@link #prepare} a source image once, then {@link #mask} and
 * {@link #edit} it any number of times. Each call runs on its own NDManager (a sub-manager of the prepared image's)
 * with a sub-manager per denoising step, so nothing accumulates across steps or requests. The same request (seed
 * included) gives the same bytes. An Editor holds no per-request state; it is as thread-safe as its models.
 */
public final class Editor {

    private final EditorModels models;
    private final NoiseSchedule schedule;
    private final EditorConfig config;
    private final UniPcSampler sampler;
    private final EditingMaskGenerator maskGenerator;

    public Editor(EditorModels models, NoiseSchedule schedule, EditorConfig config) {
        this.models = models;
        this.schedule = schedule;
        this.config = config;
        this.sampler = new UniPcSampler(schedule, config.sampler());
        this.maskGenerator = new EditingMaskGenerator(models.unet(), sampler, schedule, config.mask());
    }

    public EditorConfig config() {
        return config;
    }

    /** Encodes the source image: z_A (posterior mean), c_im, the null conditions and the "" text tokens. */
    public PreparedImage prepare(BufferedImage image) {
        int f = models.codec().downsampling();
        if (image.getWidth() % f != 0 || image.getHeight() % f != 0) {
            throw new IllegalArgumentException("image size " + image.getWidth() + "×" + image.getHeight()
                    + " is not a multiple of the autoencoder's downsampling " + f);
        }
        NDManager pm = NDManager.newBaseManager();
        try {
            NDArray zA;
            NDArray zNull;
            NDArray cim;
            NDArray cimNull;
            try (NDManager scratch = pm.newSubManager()) {
                NDArray x = ImageTensors.toTensor(scratch, image);
                zA = keep(models.codec().encodeMean(x), pm);
                cim = keep(models.image().encode(x, zA), pm);
                NDArray black = ImageTensors.constant(scratch, image.getHeight(), image.getWidth(), -1f);
                if (config.nullConditions() == NullConditionPolicy.INFERENCE) {
                    zNull = keep(pm.zeros(zA.getShape(), zA.getDataType()), pm);
                    cimNull = keep(models.image().encode(black, models.codec().encodeMean(black)), pm);
                } else {
                    NDArray grey = ImageTensors.constant(scratch, image.getHeight(), image.getWidth(), 0f);
                    zNull = keep(models.codec().encodeMean(grey), pm);
                    cimNull = keep(models.image().encode(black, zNull), pm);
                }
            }
            PreparedImage prepared = new PreparedImage(pm, models.text(), zA, zNull, cim, cimNull, image.getWidth(),
                    image.getHeight());
            prepared.textTokens("");
            return prepared;
        } catch (RuntimeException e) {
            pm.close();
            throw e;
        }
    }

    /** The paper's editing mask for a prompt pair, with the paper's guidance scales. */
    public EditingMask mask(PreparedImage prepared, String sourcePrompt, String targetPrompt, double lambda,
            long seed) {
        return mask(prepared, sourcePrompt, targetPrompt, lambda, seed, GuidanceScales.paper(), () -> false);
    }

    /** The paper's editing mask; {@code canceled} is polled before each network call. */
    public EditingMask mask(PreparedImage prepared, String sourcePrompt, String targetPrompt, double lambda, long seed,
            GuidanceScales scales, BooleanSupplier canceled) {
        try (NDManager request = prepared.manager().newSubManager()) {
            McdmConditions c = conditions(prepared, targetPrompt, sourcePrompt);
            return maskGenerator.compute(request, c, scales, prepared.latent(), lambda, maskSeed(seed),
                    prepared.height(), prepared.width(), canceled);
        }
    }

    /**
     * Runs one edit: optional mask, N UniPC steps of MCDM guidance (4 rows, or 5 with a mask), decode.
     *
     * @throws EditCanceledException when the request's cancellation check fires
     */
    public EditResult edit(PreparedImage prepared, EditRequest request) {
        int n = request.steps();
        EditingMask mask = switch (request.maskMode()) {
            case NONE -> null;
            case PROVIDED -> EditingMask.provided(request.mask(), prepared.latentHeight(), prepared.latentWidth(),
                    prepared.height(), prepared.width());
            case AUTO -> {
                try {
                    yield mask(prepared, request.sourcePrompt(), request.targetPrompt(), request.maskThreshold(),
                            request.seed(), request.scales(), request.canceled());
                } catch (EditCanceledException e) {
                    throw e;
                } catch (CancellationException e) {
                    throw new EditCanceledException(0, n);
                }
            }
        };
        BufferedImage image;
        try (NDManager rm = prepared.manager().newSubManager()) {
            // without a source prompt, the region outside a provided mask is guided by the empty prompt
            String source = request.sourcePrompt() == null ? "" : request.sourcePrompt();
            McdmConditions c = conditions(prepared, request.targetPrompt(), mask == null ? null : source);
            try (McdmGuidance guidance = mask == null
                    ? McdmGuidance.threeCondition(models.unet(), rm, c, request.scales())
                    : McdmGuidance.maskGuided(models.unet(), rm, c, request.scales(),
                            mask.binaryLatent().toNDArray(rm));
                    SamplerRun run = sampler.newRun(rm, n)) {
                NDArray z = GaussianNoise.sample(rm, new Shape(1, models.codec().latentChannels(),
                        prepared.latentHeight(), prepared.latentWidth()), new SplittableRandom(request.seed()));
                int[] ts = run.timesteps();
                for (int k = 0; k < n; k++) {
                    if (request.canceled().getAsBoolean()) {
                        throw new EditCanceledException(k, n);
                    }
                    try (NDManager step = rm.newSubManager()) {
                        z.attach(step); // the previous latent is released with this step
                        NDArray eps = guidance.predict(z, ts[k]);
                        NDArray next = run.step(eps, ts[k], z);
                        next.attach(rm);
                        z = next;
                    }
                    request.progress().onStep(k + 1, n);
                }
                try (NDManager decode = rm.newSubManager()) {
                    z.attach(decode);
                    image = ImageTensors.toImage(models.codec().decode(z));
                }
            }
        }
        GenerationSettings settings = new GenerationSettings(request.seed(), n, request.scales().image(),
                request.scales().spatial(), request.scales().text(), sampler.name(), config.checkpointVersion(),
                request.targetPrompt(), request.sourcePrompt(), request.maskMode(),
                request.maskMode() == MaskMode.AUTO ? request.maskThreshold() : Double.NaN, prepared.width(),
                prepared.height());
        return new EditResult(image, mask, settings);
    }

    private static McdmConditions conditions(PreparedImage p, String target, String source) {
        return new McdmConditions(p.latent(), p.latentNull(), p.imageTokens(), p.imageTokensNull(),
                p.textTokens(target), source == null ? null : p.textTokens(source), p.textTokens(""));
    }

    /** The mask noises use a stream decorrelated from the initial latent noise of the same seed. */
    static long maskSeed(long seed) {
        return new SplittableRandom(seed ^ 0x6A09E667F3BCC909L).nextLong();
    }

    private static NDArray keep(NDArray a, NDManager m) {
        a.attach(m);
        return a;
    }
}
