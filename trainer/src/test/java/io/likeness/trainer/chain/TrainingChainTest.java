package io.likeness.trainer.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.likeness.contracts.trainer.DatasetRequest;
import io.likeness.mcdm.checkpoint.CheckpointManifest;
import io.likeness.mcdm.checkpoint.CheckpointStore;
import io.likeness.mcdm.engine.EditorModelsFactory;
import io.likeness.mcdm.engine.TinyMcdmModelsFactory;
import io.likeness.mcdm.nn.vae.VaeConfig;
import io.likeness.trainer.dataset.DatasetManifest;
import io.likeness.trainer.dataset.Split;
import io.likeness.trainer.dataset.StudioDatasets;
import io.likeness.trainer.foundation.BaseStage;
import io.likeness.trainer.foundation.ClipStage;
import io.likeness.trainer.foundation.IdentityStage;
import io.likeness.trainer.foundation.VaeStage;
import io.likeness.trainer.mcdm.EditSheet;
import io.likeness.trainer.mcdm.McdmEvaluation;
import io.likeness.trainer.mcdm.McdmStage;
import io.likeness.trainer.pairs.DiffusionPairGenerator;
import io.likeness.trainer.pairs.GeneratedPairs;
import io.likeness.trainer.pairs.PairConditions;
import io.likeness.trainer.pairs.PairQuality;
import io.likeness.trainer.pairs.PairSynthesizer;
import io.likeness.trainer.studio.Direction;
import io.likeness.trainer.train.TrainingLoop;
import io.likeness.trainer.train.TrainingStage;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole chain at toy size — every stage for a couple of steps on a few real studio renders, pair generation,
 * pair quality, MCDM training and evaluation — so the hand-offs (checkpoint formats, shapes, caches, the product
 * checkpoint the workers load) are exercised on every build. The figures it produces mean nothing; the real runs
 * are documented in docs/training.md.
 */
class TrainingChainTest {

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path tmp;

    private TrainingLoop.Outcome run(TrainingStage stage, Path runDir, long steps, int sampleEvery) throws Exception {
        try (stage) {
            return new TrainingLoop(stage, new TrainingLoop.Options(runDir, steps, (int) steps, sampleEvery, null, 3,
                    TrainingLoop.ProgressMode.NONE, stage.name() + "-test", "test", 1), QUIET).run();
        }
    }

    @Test
    void everyStageHandsOverToTheNext() throws Exception {
        Path train = tmp.resolve("views-train");
        Path validation = tmp.resolve("views-validation");
        StudioDatasets.renderViews(train, 8, new StudioDatasets.Options(1, Split.TRAIN, 128, 4, 1, 1), null);
        StudioDatasets.renderViews(validation, 4, new StudioDatasets.Options(1, Split.VALIDATION, 128, 4, 1, 1), null);
        Path runs = tmp.resolve("runs");

        TrainingLoop.Outcome vae = run(new VaeStage(train, validation, 3,
                new VaeStage.Settings(VaeConfig.lean(), 2, 32, 1e-3, 1e-6, 0.5, 4)), runs.resolve("vae"), 2, 0);
        assertThat(vae.metrics()).containsKeys("val_psnr_db", "val_ssim", "scale_factor");
        assertThat(CheckpointStore.verify(runs.resolve("vae/final")).architecture().hyperParameters()
                .get("scale_factor").asDouble()).isPositive();

        TrainingLoop.Outcome clip = run(new ClipStage(train, validation, 3,
                        new ClipStage.Settings(2, 1e-4, 20f, 4).withExpressionGroups(1)),
                runs.resolve("clip"), 2, 0);
        assertThat(clip.metrics()).containsKeys("val_caption_to_render_top1", "val_zero_shot_direction_acc");

        TrainingLoop.Outcome identity = run(new IdentityStage(train, validation, runs.resolve("clip/final"), 3,
                new IdentityStage.Settings(2, 1e-4, 0.1f, 0.1, 4)), runs.resolve("identity"), 2, 0);
        assertThat(identity.metrics()).containsKeys("val_same_identity_cos", "val_rank1_identification");

        BaseStage.Settings bs = BaseStage.Settings.defaults();
        TrainingLoop.Outcome base = run(new BaseStage(train, validation, runs.resolve("vae/final"),
                runs.resolve("clip/final"), runs.resolve("identity/final"), runs.resolve("base/cache/corpus.ndlist"), 3,
                new BaseStage.Settings(4, 1e-4, bs.emptyPrompt(), bs.noIdentity(), bs.noPose(), bs.minSnrGamma(),
                        bs.ema(), 2, 1.0).withFaceWeight(4), QUIET), runs.resolve("base"), 2, 2);
        assertThat(base.finished()).isTrue();
        assertThat(base.metrics().get("val_direction_acc")).isBetween(0.0, 1.0);
        assertThat(base.metrics()).containsKeys("val_identity_cos_with_words", "val_identity_cos_other_person");
        assertThat(Files.size(runs.resolve("base/samples/step-000002.png"))).isPositive();
        assertThat(Files.exists(runs.resolve("base/cache/corpus.ndlist"))).isTrue();

        // train vae --generated-from: the base's SDEdit of training renders, generated once into the run's cache,
        // then a decoder fine-tune with every window from them; the resumed run reads the cache, not the base
        Path generatedRun = runs.resolve("vae-generated");
        java.util.List<String> generatedArgs = java.util.List.of("train", "vae", "--data", train.toString(),
                "--validation", validation.toString(), "--run-dir", generatedRun.toString(), "--decoder-from",
                runs.resolve("vae/final").toString(), "--generated-from", runs.resolve("base/final").toString(),
                "--foundation", runs.toString(), "--generated-count", "4", "--generated-share", "1", "--batch", "1",
                "--crop", "32", "--checkpoint-every", "1", "--sample-every", "0", "--progress", "none", "--seed", "3");
        assertThat(trainer(generatedArgs, "--steps", "1")).isZero();
        Path generatedCache = generatedRun.resolve("cache/generated-latents.ndlist");
        var generatedAt = Files.getLastModifiedTime(generatedCache);
        assertThat(trainer(generatedArgs, "--steps", "2")).isZero();
        assertThat(Files.getLastModifiedTime(generatedCache)).isEqualTo(generatedAt);
        var generatedManifest = CheckpointStore.verify(generatedRun.resolve("final"));
        assertThat(generatedManifest.provenance().steps()).isEqualTo(2);
        assertThat(generatedManifest.provenance().data()).contains("100% of windows from 4 latents base-");
        assertThat(trainer(java.util.List.of("train", "vae", "--data", train.toString(), "--validation",
                validation.toString(), "--run-dir", tmp.resolve("refused").toString(), "--generated-from",
                runs.resolve("base/final").toString(), "--steps", "1"))).as("--generated-from without --decoder-from")
                .isEqualTo(2);

        // probe base: the final checkpoint loaded for sampling only, measured against the studio's exact renders
        Path probeSheet = tmp.resolve("probe.png");
        int probeExit = new picocli.CommandLine(new io.likeness.trainer.cli.TrainerMain()).execute("probe", "base",
                runs.resolve("base/final").toString(), "--foundation", runs.toString(), "--validation",
                validation.toString(), "--people", "1", "--steps", "2", "--sheet", probeSheet.toString(),
                "--reader-renders", "16", "--reader-steps", "2");
        assertThat(probeExit).isZero();
        java.awt.image.BufferedImage probe = javax.imageio.ImageIO.read(probeSheet.toFile());
        assertThat(probe.getWidth()).isEqualTo(7 * 130 + 2);  // reference, truth|sample under two poses, blank, SDEdit
        assertThat(probe.getHeight()).isEqualTo(8 * 130 + 2); // one person × 8 directions
        // … and with pair generation's sampler (Karras/EDM, stochastic), without the SDEdit column, from text and
        // pose alone (--without-identity)
        assertThat(new picocli.CommandLine(new io.likeness.trainer.cli.TrainerMain()).execute("probe", "base",
                runs.resolve("base/final").toString(), "--foundation", runs.toString(), "--validation",
                validation.toString(), "--people", "1", "--sampler", "karras", "--steps", "2", "--sdedit", "0", "--sheet",
                probeSheet.toString(), "--reader-renders", "16", "--reader-steps", "2", "--without-identity"))
                .isZero();
        assertThat(javax.imageio.ImageIO.read(probeSheet.toFile()).getWidth()).isEqualTo(6 * 130 + 2);
        assertThat(new picocli.CommandLine(new io.likeness.trainer.cli.TrainerMain()).execute("probe", "base",
                runs.resolve("base/final").toString(), "--sampler", "euler")).isEqualTo(2);
        assertThat(new picocli.CommandLine(new io.likeness.trainer.cli.TrainerMain()).execute("probe", "base",
                runs.resolve("base/final").toString(), "--reader-steps", "0")).isEqualTo(2);

        // probe grid: the sample grid of the final checkpoint; with the run's seed and sampler it is the grid the
        // training wrote at its end (EMA weights both), pixel for pixel
        Path grid = tmp.resolve("grid.png");
        assertThat(new picocli.CommandLine(new io.likeness.trainer.cli.TrainerMain()).execute("probe", "grid",
                runs.resolve("base/final").toString(), "--foundation", runs.toString(), "--validation",
                validation.toString(), "--steps", "2", "--seed", "3", "--out", grid.toString())).isZero();
        assertThat(pixels(grid)).isEqualTo(pixels(runs.resolve("base/samples/step-000002.png")));
        assertThat(new picocli.CommandLine(new io.likeness.trainer.cli.TrainerMain()).execute("probe", "grid",
                runs.resolve("base/final").toString(), "--sampler", "euler", "--out", grid.toString())).isEqualTo(2);
        // --steps reaches the Karras sampler too: two and three steps from the same seed draw different grids
        Path karras2 = tmp.resolve("karras-2.png");
        Path karras3 = tmp.resolve("karras-3.png");
        for (Path out : List.of(karras2, karras3)) {
            assertThat(new picocli.CommandLine(new io.likeness.trainer.cli.TrainerMain()).execute("probe", "grid",
                    runs.resolve("base/final").toString(), "--foundation", runs.toString(), "--validation",
                    validation.toString(), "--sampler", "karras", "--steps", out == karras2 ? "2" : "3", "--seed",
                    "3", "--out", out.toString())).isZero();
        }
        assertThat(pixels(karras2)).isNotEqualTo(pixels(karras3));
        // --negative-source guides away from the source captions instead of the unconditional prediction: the same
        // noise and steps draw another grid (the default, "" as negative, is the training's grid, checked above)
        Path negative = tmp.resolve("karras-2-negative.png");
        assertThat(new picocli.CommandLine(new io.likeness.trainer.cli.TrainerMain()).execute("probe", "grid",
                runs.resolve("base/final").toString(), "--foundation", runs.toString(), "--validation",
                validation.toString(), "--sampler", "karras", "--steps", "2", "--seed", "3", "--negative-source",
                "--out", negative.toString())).isZero();
        assertThat(pixels(negative)).isNotEqualTo(pixels(karras2));
        assertThat(new picocli.CommandLine(new io.likeness.trainer.cli.TrainerMain()).execute("probe", "grid",
                runs.resolve("base/final").toString(), "--steps", "0", "--out", grid.toString())).isEqualTo(2);

        // the word path (train base --word-context): trained, saved and loaded with the UNet; probed; generates
        // pairs and seeds an MCDM that keeps it (below). Four steps: the UNet's zero-initialised attention outputs
        // and proj_out pass no gradient back to the context until two updates have opened them.
        TrainingLoop.Outcome worded = run(new BaseStage(train, validation, runs.resolve("vae/final"),
                runs.resolve("clip/final"), runs.resolve("identity/final"), runs.resolve("base/cache/corpus.ndlist"), 3,
                new BaseStage.Settings(4, 1e-3, bs.emptyPrompt(), bs.noIdentity(), bs.noPose(), bs.minSnrGamma(),
                        0.5, 2, 1.0).withWordContext(true), QUIET), runs.resolve("base-words"), 4, 0);
        assertThat(worded.finished()).isTrue();
        Path wordedFinal = runs.resolve("base-words/final");
        assertThat(CheckpointStore.verify(wordedFinal).files()).containsKey("words.params");
        assertThat(CheckpointStore.verify(wordedFinal).architecture().hyperParameters().has("word_context")).isTrue();
        try (BaseStage sampling = BaseStage.forSampling(validation, runs.resolve("vae/final"),
                runs.resolve("clip/final"), runs.resolve("identity/final"), wordedFinal, 3)) {
            assertThat(sampling.trainable()).containsKey("words");
            float[] projection = sampling.trainable().get("words").namedParameters().get("projection.weight")
                    .getArray().toFloatArray();
            float largest = 0;
            for (float v : projection) {
                largest = Math.max(largest, Math.abs(v));
            }
            assertThat(largest).as("the zero-initialised projection moved and was saved").isGreaterThan(0f);
        }
        assertThat(new picocli.CommandLine(new io.likeness.trainer.cli.TrainerMain()).execute("probe", "base",
                wordedFinal.toString(), "--foundation", runs.toString(), "--validation", validation.toString(),
                "--people", "1", "--steps", "2", "--sdedit", "0", "--reader-renders", "16", "--reader-steps", "2"))
                .isZero();
        // … generates pairs with the context it was trained on, and an MCDM trained from it (its foundation: the
        // same encoders, this base) trains and publishes its word path, which the workers' factory and ship carry
        Path wordedPairs = tmp.resolve("pairs-words");
        try (PairSynthesizer synth = new PairSynthesizer(runs.resolve("vae/final"), runs.resolve("clip/final"),
                runs.resolve("identity/final"), wordedFinal)) {
            assertThat(GeneratedPairs.generate(synth, List.of(GeneratedPairs.DirectionSpec.of(Direction.ANGRY)), 2, 7,
                    PairConditions.FULL, 2, wordedPairs, null).count()).isEqualTo(2);
        }
        Path wordedFoundation = tmp.resolve("runs-words");
        Files.createDirectories(wordedFoundation);
        Files.createSymbolicLink(wordedFoundation.resolve("clip"), runs.resolve("clip"));
        Files.createSymbolicLink(wordedFoundation.resolve("vae"), runs.resolve("vae"));
        Files.createSymbolicLink(wordedFoundation.resolve("base"), runs.resolve("base-words"));
        // the same pairs (seed, people, poses, noise) from the CLI at guidance 2: same inputs, other halves, and
        // every pair records its scale (the worded base: its text path is open after four steps)
        Files.createSymbolicLink(wordedFoundation.resolve("identity"), runs.resolve("identity"));
        Path lowGuidance = tmp.resolve("pairs-words-guidance2");
        assertThat(trainer(List.of("pairs", "generate", "--foundation", wordedFoundation.toString(), "--out",
                lowGuidance.toString(), "--direction", "angry", "--per-direction", "2", "--seed", "7", "--batch", "2",
                "--guidance", "2"))).isZero();
        List<io.likeness.trainer.dataset.Sample> paper = io.likeness.trainer.dataset.ShardReader.readShard(
                io.likeness.trainer.dataset.ShardSource.directory(wordedPairs), "shard-000000.tar");
        List<io.likeness.trainer.dataset.Sample> low = io.likeness.trainer.dataset.ShardReader.readShard(
                io.likeness.trainer.dataset.ShardSource.directory(lowGuidance), "shard-000000.tar");
        assertThat(low).hasSameSizeAs(paper);
        for (int i = 0; i < low.size(); i++) {
            Map<String, byte[]> a = paper.get(i).parts();
            Map<String, byte[]> b = low.get(i).parts();
            assertThat(b.get("ref.png")).as("same person").isEqualTo(a.get("ref.png"));
            assertThat(b.get("pose.png")).as("same pose").isEqualTo(a.get("pose.png"));
            assertThat(b.get("b.png")).as("guidance changes the generated half").isNotEqualTo(a.get("b.png"));
            assertThat(DatasetManifest.JSON.readTree(a.get("json")).get("guidance").asDouble()).isEqualTo(7.5);
            assertThat(DatasetManifest.JSON.readTree(b.get("json")).get("guidance").asDouble()).isEqualTo(2.0);
        }
        McdmStage wordedMcdm = new McdmStage(wordedPairs, wordedFoundation, tmp.resolve("mcdm-words-cache.ndlist"), 3,
                new McdmStage.Settings(2, 1e-4, 0.05, 0.05, 0.05, 0.5, 5.0, 0.999, 2), QUIET);
        assertThat(wordedMcdm.trainable()).containsKeys("unet", "adapter", "words");
        assertThat(run(wordedMcdm, runs.resolve("mcdm-words"), 2, 0).finished()).isTrue();
        Path wordedProduct = runs.resolve("mcdm-words/final");
        CheckpointManifest wordedManifest = CheckpointStore.verify(wordedProduct);
        assertThat(wordedManifest.files()).containsKeys("words.params", "unet.params", "adapter.params");
        assertThat(wordedManifest.architecture().hyperParameters().has("word_context")).isTrue();
        try (EditorModelsFactory.LoadedModels models = new TinyMcdmModelsFactory().load(wordedProduct,
                wordedManifest); ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            assertThat(((io.likeness.mcdm.nn.clip.ClipTextConditioner) models.models().text()).hasWords()).isTrue();
            var set = TinyMcdmModelsFactory.modelSet(wordedManifest, m);
            CheckpointStore.load(wordedProduct, m, TinyMcdmModelsFactory.blocks(set));
            float largest = 0;
            for (float v : set.words().namedParameters().get("projection.weight").getArray().toFloatArray()) {
                largest = Math.max(largest, Math.abs(v));
            }
            assertThat(largest).as("started from the base's trained word path, not a fresh zero one")
                    .isGreaterThan(0f);
        }
        Path wordedShipped = tmp.resolve("models/words");
        assertThat(trainer(List.of("ship", wordedProduct.toString(), "--out", wordedShipped.toString()))).isZero();
        assertThat(CheckpointStore.verify(wordedShipped).files()).containsKey("words.f16.ndlist");

        Path pairs = tmp.resolve("pairs");
        try (PairSynthesizer synth = new PairSynthesizer(runs.resolve("vae/final"), runs.resolve("clip/final"),
                runs.resolve("identity/final"), runs.resolve("base/final"))) {
            DatasetManifest m = GeneratedPairs.generate(synth, List.of(
                    GeneratedPairs.DirectionSpec.of(Direction.SANTA_CLAUS),
                    GeneratedPairs.DirectionSpec.of(Direction.LAUGHING)), 1, 5, PairConditions.FULL, 2, pairs, null);
            assertThat(m.count()).isEqualTo(2);
        }
        // a dataset request for a direction the studio cannot render: generated from its descriptions alone
        Path described = tmp.resolve("pairs-described");
        try (PairSynthesizer synth = DiffusionPairGenerator.open(runs)) {
            DatasetRequest request = new DatasetRequest(DatasetRequest.SCHEMA_VERSION, "described-1",
                    List.of(new DatasetRequest.Direction("pirate", "wearing a shirt", "wearing a pirate costume", 0.3)),
                    2, 9, Optional.empty(), Instant.now());
            List<Long> progress = new ArrayList<>();
            DatasetManifest m = DiffusionPairGenerator.generate(synth, request, 2, described, progress::add);
            assertThat(m.count()).isEqualTo(2);
            assertThat(m.directions()).containsEntry("pirate", 2L);
            assertThat(progress).last().isEqualTo(2L);
        }
        try (PairQuality q = new PairQuality(runs.resolve("clip/final"), runs.resolve("identity/final"))) {
            Map<String, Double> quality = q.measure(pairs);
            assertThat(quality.get("pairs")).isEqualTo(2.0);
            assertThat(quality).containsKeys("layout_ssim_unchanged", "identity_cos_a_b", "edit_fidelity_b");
            assertThat(q.measure(pairs, 1).get("pairs")).isEqualTo(1.0);
        }

        TrainingLoop.Outcome mcdm = run(new McdmStage(pairs, runs, runs.resolve("mcdm/cache/pairs.ndlist"), 3,
                new McdmStage.Settings(2, 1e-4, 0.05, 0.05, 0.05, 0.5, 5.0, 0.999, 2), QUIET), runs.resolve("mcdm"), 2, 0);
        assertThat(mcdm.finished()).isTrue();

        // the MCDM stage's output is a product checkpoint: the workers' factory loads it
        Path product = runs.resolve("mcdm/final");
        CheckpointManifest manifest = CheckpointStore.verify(product);
        assertThat(manifest.architecture().preset()).isEqualTo(TinyMcdmModelsFactory.PRESET);
        assertThat(manifest.editCatalog()).hasSize(8).containsKey("santa-claus");
        assertThat(manifest.files()).containsKeys("unet.params", "adapter.params", "text.params", "vision.params",
                "vae.params");
        try (McdmEvaluation eval = new McdmEvaluation(runs, 1, 3, 2);
                EditorModelsFactory.LoadedModels models = new TinyMcdmModelsFactory().load(product, manifest)) {
            McdmEvaluation.Outputs outputs = eval.run(models, true, 1, null);
            Map<String, Double> withMask = eval.score(outputs);
            Path sheet = tmp.resolve("sheet.png");
            EditSheet.write(sheet, eval.cases(), outputs);
            java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(sheet.toFile());
            assertThat(png.getWidth()).isEqualTo(9 * 130 + 2);  // source + 8 directions, 128-px cells, 2-px gutters
            assertThat(png.getHeight()).isEqualTo(3 * 130 + 2); // one person: edits, model masks, exact truth
            assertThat(withMask).containsKeys("ssim", "psnr_db", "ssim_unchanged", "mask_iou", "edit_fidelity",
                    "expression_fidelity", "identity_cos");
            assertThat(withMask.get("cases")).isEqualTo(8.0);
        }

        // eval --record puts the numbers where the promotion gate and the shipped manifest read them
        int evalExit = new picocli.CommandLine(new io.likeness.trainer.cli.TrainerMain()).execute("eval",
                product.toString(), "--foundation", runs.toString(), "--people", "1", "--seed", "3", "--steps", "2",
                "--record");
        assertThat(evalExit).isZero();
        Map<String, Double> recorded = CheckpointStore.verify(product).metrics();
        assertThat(recorded).containsKeys("ssim", "ssim_no_mask", "mask_iou", "edit_fidelity_no_mask",
                "expression_fidelity", "identity_cos", "eval_people", "eval_steps").doesNotContainKeys("mask_iou_no_mask", "cases",
                "seconds_per_edit");
        assertThat(recorded).containsAllEntriesOf(manifest.metrics()); // the training metrics stay

        // shipped (models/default/ form): float16 weights, same manifest, and the workers' factory loads it
        Path shipped = tmp.resolve("models/default");
        int exit = new picocli.CommandLine(new io.likeness.trainer.cli.TrainerMain())
                .execute("ship", product.toString(), "--out", shipped.toString());
        assertThat(exit).isZero();
        CheckpointManifest shippedManifest = CheckpointStore.verify(shipped);
        assertThat(shippedManifest.files()).containsOnlyKeys("unet.f16.ndlist", "adapter.f16.ndlist",
                "text.f16.ndlist", "vision.f16.ndlist", "vae.f16.ndlist");
        assertThat(shippedManifest.version()).isEqualTo(manifest.version());
        assertThat(shippedManifest.editCatalog()).isEqualTo(manifest.editCatalog());
        assertThat(shippedManifest.metrics()).isEqualTo(recorded);
        assertThat(bytes(shipped)).isLessThan(bytes(product) * 6 / 10);
        try (McdmEvaluation eval = new McdmEvaluation(runs, 1, 3, 2);
                EditorModelsFactory.LoadedModels models = new TinyMcdmModelsFactory().load(shipped, shippedManifest)) {
            assertThat(eval.score(eval.run(models, true, 1, null)).get("cases")).isEqualTo(8.0);
        }
        // shipping again replaces the weights but keeps the hand-written model card
        java.nio.file.Files.writeString(shipped.resolve("MODEL.md"), "# the model card\n");
        assertThat(new picocli.CommandLine(new io.likeness.trainer.cli.TrainerMain())
                .execute("ship", product.toString(), "--out", shipped.toString())).isZero();
        assertThat(java.nio.file.Files.readString(shipped.resolve("MODEL.md"))).isEqualTo("# the model card\n");
        assertThat(CheckpointStore.verify(shipped).version()).isEqualTo(manifest.version());

        // extract: the shipped checkpoint's frozen encoders and autoencoder back as clip and vae checkpoints, the
        // foundation stages' own (within float16 rounding), which identity and base training take
        Path extracted = tmp.resolve("extracted");
        assertThat(new picocli.CommandLine(new io.likeness.trainer.cli.TrainerMain())
                .execute("extract", shipped.toString(), "--out", extracted.toString())).isZero();
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            var original = io.likeness.trainer.foundation.FoundationCheckpoints.clip(runs.resolve("clip/final"), m);
            var copy = io.likeness.trainer.foundation.FoundationCheckpoints.clip(extracted.resolve("clip"), m);
            assertThat(copy.tokenizer().vocabulary()).isEqualTo(original.tokenizer().vocabulary());
            for (var e : original.text().namedParameters().entrySet()) {
                float[] a = e.getValue().getArray().toFloatArray();
                float[] b = copy.text().namedParameters().get(e.getKey()).getArray().toFloatArray();
                for (int i = 0; i < a.length; i++) {
                    assertThat(b[i]).as(e.getKey()).isCloseTo(a[i], org.assertj.core.data.Offset.offset(
                            1e-3f * Math.max(1f, Math.abs(a[i]))));
                }
            }
            assertThat(io.likeness.trainer.foundation.FoundationCheckpoints.vae(extracted.resolve("vae"), m).config())
                    .isEqualTo(io.likeness.trainer.foundation.FoundationCheckpoints.vae(runs.resolve("vae/final"), m)
                            .config());
        }

        // a decoder fine-tuned on the extracted autoencoder ships into the product checkpoint under a new version
        run(new VaeStage(train, validation, 3, new VaeStage.Settings(VaeConfig.lean(), 2, 32, 1e-3, 1e-6, 0.5, 4)
                .withDecoderFineTune(extracted.resolve("vae"), 1.0)), runs.resolve("vae-decoder"), 2, 0);
        Path redecoded = tmp.resolve("redecoded");
        assertThat(new picocli.CommandLine(new io.likeness.trainer.cli.TrainerMain()).execute("ship",
                shipped.toString(), "--out", redecoded.toString(), "--decoder",
                runs.resolve("vae-decoder/final").toString())).as("--decoder without a new version").isNotZero();
        assertThat(new picocli.CommandLine(new io.likeness.trainer.cli.TrainerMain()).execute("ship",
                shipped.toString(), "--out", redecoded.toString(), "--decoder",
                runs.resolve("vae-decoder/final").toString(), "--version-name", "redecoded")).isZero();
        CheckpointManifest redecodedManifest = CheckpointStore.verify(redecoded);
        assertThat(redecodedManifest.version()).isEqualTo("redecoded");
        assertThat(redecodedManifest.provenance().command()).contains("decoder replaced");
        assertThat(redecodedManifest.metrics()).containsKeys("steps", "decoder_val_face_psnr_db")
                .doesNotContainKeys(recorded.keySet().stream().filter(k -> !k.equals("steps")
                        && !k.equals("train_seconds")).toArray(String[]::new));
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager();
                EditorModelsFactory.LoadedModels models = new TinyMcdmModelsFactory().load(redecoded,
                        redecodedManifest)) {
            var tuned = io.likeness.trainer.foundation.FoundationCheckpoints.vae(runs.resolve("vae-decoder/final"), m);
            var set = TinyMcdmModelsFactory.modelSet(redecodedManifest, m);
            CheckpointStore.load(redecoded, m, TinyMcdmModelsFactory.blocks(set));
            int decoderParameters = 0;
            for (var e : tuned.namedParameters().entrySet()) {
                if (e.getKey().startsWith("decoder.")) {
                    float[] a = e.getValue().getArray().toFloatArray();
                    float[] b = set.vae().namedParameters().get(e.getKey()).getArray().toFloatArray();
                    for (int i = 0; i < a.length; i++) {
                        assertThat(b[i]).as(e.getKey()).isCloseTo(a[i], org.assertj.core.data.Offset.offset(
                                1e-3f * Math.max(1f, Math.abs(a[i]))));
                    }
                    decoderParameters++;
                }
            }
            assertThat(decoderParameters).isPositive();
        }
    }

    private static long bytes(Path dir) throws java.io.IOException {
        try (var files = java.nio.file.Files.list(dir)) {
            return files.mapToLong(f -> f.toFile().length()).sum();
        }
    }

    /** The trainer's CLI with {@code args} and {@code more}; its exit code. */
    private static int trainer(java.util.List<String> args, String... more) {
        java.util.List<String> all = new java.util.ArrayList<>(args);
        all.addAll(java.util.List.of(more));
        return new picocli.CommandLine(new io.likeness.trainer.cli.TrainerMain()).execute(all.toArray(String[]::new));
    }

    private static int[] pixels(Path png) throws java.io.IOException {
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }
}
