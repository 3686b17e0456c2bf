package io.likeness.mcdm.nn;

import static io.likeness.mcdm.nn.TinyFixtures.bitIdentical;
import static io.likeness.mcdm.nn.TinyFixtures.maxAbs;
import static io.likeness.mcdm.nn.TinyFixtures.normal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.likeness.mcdm.nn.adapter.ImageAdapter;
import io.likeness.mcdm.nn.clip.ClipConfig;
import io.likeness.mcdm.nn.clip.ClipTextModel;
import io.likeness.mcdm.nn.clip.ClipVisionModel;
import io.likeness.mcdm.nn.clip.WordTokenizer;
import io.likeness.mcdm.nn.identity.IdentityMapper;
import io.likeness.mcdm.nn.identity.IdentityTextConditioner;
import io.likeness.mcdm.nn.vae.AutoencoderKL;
import io.likeness.mcdm.nn.vae.VaeConfig;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VaeAndEncodersTest {

    private static NDManager model;
    private static McdmModelSet set;

    @BeforeAll
    static void build() {
        model = TinyFixtures.manager(11);
        WordTokenizer tok = WordTokenizer.fromCorpus(WordTokenizer.defaultPortraitWords(), 24);
        set = McdmModelSet.createTiny(tok, model);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void tinyVaeMapsImagesToSixteenBySixteenByFourLatentsAndBack() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray x = m.randomUniform(-1f, 1f, new Shape(2, 3, 128, 128));
            NDArray mean = set.vae().encodeMean(x);
            NDArray sample = set.vae().encodeSample(x);
            assertThat(mean.getShape()).isEqualTo(new Shape(2, 4, 16, 16));
            assertThat(sample.getShape()).isEqualTo(new Shape(2, 4, 16, 16));
            assertThat(bitIdentical(mean, sample)).isFalse();
            assertThat(set.vae().decode(mean).getShape()).isEqualTo(new Shape(2, 3, 128, 128));
            NDArray noise = normal(m, 2, 4, 16, 16);
            assertThat(bitIdentical(set.vae().encodeSample(x, noise), set.vae().encodeSample(x, noise))).isTrue();
            System.out.printf("tiny VAE: %,d parameters%n", set.vae().parameterCount());
        }
    }

    @Test
    void latentScaleIsAppliedInsideTheCodec() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray x = m.randomUniform(-1f, 1f, new Shape(1, 3, 128, 128));
            NDArray unscaled = set.vae().moments(x).get(0);
            assertThat(maxAbs(set.vae().encodeMean(x).sub(unscaled.mul(0.18215f)))).isLessThan(1e-6f);
        }
    }

    @Test
    void sd15VaeHasTheDiffusersLayout() {
        AutoencoderKL vae = new AutoencoderKL(VaeConfig.sd15());
        assertThat(vae.parameterCount()).isEqualTo(83_653_863L);
        assertThat(vae.parameterShapes())
                .containsEntry("encoder.conv_in.weight", new Shape(128, 3, 3, 3))
                .containsEntry("encoder.down_blocks.1.resnets.0.conv_shortcut.weight", new Shape(256, 128, 1, 1))
                .containsEntry("encoder.down_blocks.0.downsamplers.0.conv.weight", new Shape(128, 128, 3, 3))
                .containsEntry("encoder.mid_block.attentions.0.group_norm.weight", new Shape(512))
                .containsEntry("encoder.mid_block.attentions.0.to_q.bias", new Shape(512))
                .containsEntry("encoder.mid_block.attentions.0.to_out.0.weight", new Shape(512, 512))
                .containsEntry("encoder.conv_out.weight", new Shape(8, 512, 3, 3))
                .containsEntry("quant_conv.weight", new Shape(8, 8, 1, 1))
                .containsEntry("post_quant_conv.weight", new Shape(4, 4, 1, 1))
                .containsEntry("decoder.up_blocks.0.upsamplers.0.conv.weight", new Shape(512, 512, 3, 3))
                .containsEntry("decoder.up_blocks.3.resnets.2.norm2.weight", new Shape(128))
                .containsEntry("decoder.up_blocks.2.resnets.0.conv_shortcut.weight", new Shape(256, 512, 1, 1))
                .containsEntry("decoder.conv_out.weight", new Shape(3, 128, 3, 3));
    }

    @Test
    void textAndVisionTowersProduceTokenSequencesOfTheConfiguredShape() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray text = set.textConditioner().encode(m, List.of("a woman, santa claus costume", ""));
            assertThat(text.getShape()).isEqualTo(new Shape(2, 24, 256));
            NDArray img = m.randomUniform(-1f, 1f, new Shape(2, 3, 128, 128));
            NDArray tokens = set.vision().lastHiddenState(img);
            assertThat(tokens.getShape()).isEqualTo(new Shape(2, 65, 256));
            assertThat(set.vision().pooled(tokens).getShape()).isEqualTo(new Shape(2, 256));
            assertThat(set.text().pooled(text, new int[] {7, 1}).getShape()).isEqualTo(new Shape(2, 256));
            NDArray cIm = set.imageConditioner().encode(img, set.vae().encodeSample(img));
            assertThat(cIm.getShape()).isEqualTo(new Shape(2, 65, 256));
            assertThat(set.contextTokens()).isEqualTo(24 + 65);
            assertThatThrownBy(() -> set.vision().lastHiddenState(m.zeros(new Shape(1, 3, 64, 64))))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void textEncoderIsCausalSoLaterWordsDoNotChangeEarlierTokens() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray a = set.textConditioner().encode(m, List.of("a man, angry"));
            NDArray b = set.textConditioner().encode(m, List.of("a man, crying"));
            // positions 0..3 = <start> a man , are identical; position 4 differs
            assertThat(maxAbs(a.get(new NDIndex(":, 0:4, :")).sub(b.get(new NDIndex(":, 0:4, :"))))).isLessThan(1e-6f);
            assertThat(maxAbs(a.get(new NDIndex(":, 4, :")).sub(b.get(new NDIndex(":, 4, :"))))).isGreaterThan(1e-4f);
        }
    }

    @Test
    void adapterTokenMixingStartsAsTheIdentityOverTheClipTokens() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            ImageAdapter adapter = set.adapter();
            NDArray w = adapter.namedParameters().get("linear1.weight").getArray();
            assertThat(w.getShape()).isEqualTo(new Shape(65, 69));
            assertThat(bitIdentical(w, m.eye(65, 69, 0, ai.djl.ndarray.types.DataType.FLOAT32))).isTrue();
            assertThat(adapter.namedParameters().get("vae2clip.weight").getShape()).isEqualTo(new Shape(256, 64));
            NDArray clip = normal(m, 1, 65, 256);
            NDArray out = adapter.forward(clip, normal(m, 1, 4, 16, 16));
            NDArray bias = adapter.namedParameters().get("linear1.bias").getArray().reshape(1, 65, 1);
            assertThat(maxAbs(out.sub(clip.add(bias)))).isLessThan(1e-5f);
        }
    }

    @Test
    void identityWordsAreInsertedBeforeTheSubjectWordAndTheLengthIsKept() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            WordTokenizer tok = set.tokenizer();
            ClipTextModel text = set.text();
            ClipVisionModel vision = set.vision();
            IdentityMapper mapper = new IdentityMapper(256, 256, List.of(4, 2));
            mapper.initialize(m);
            IdentityTextConditioner idc = new IdentityTextConditioner(tok, text, vision, mapper);
            NDArray words = idc.identityWords(m.randomUniform(-1f, 1f, new Shape(2, 3, 128, 128)));
            assertThat(words.getShape()).isEqualTo(new Shape(2, 2, 256));

            long[][] ids = tok.encode(List.of("a woman, angry", "a cute flower costume"));
            NDArray emb = text.tokenEmbeddings(m.create(ids));
            NDArray ins = idc.insert(emb, words, ids);
            assertThat(ins.getShape()).isEqualTo(new Shape(2, 24, 256));
            // row 0: <start> a [w0] [w1] woman , angry <end> ...
            assertThat(bitIdentical(ins.get(new NDIndex("0, 0:2, :")), emb.get(new NDIndex("0, 0:2, :")))).isTrue();
            assertThat(bitIdentical(ins.get(new NDIndex("0, 2:4, :")), words.get(new NDIndex("0, :, :")))).isTrue();
            assertThat(bitIdentical(ins.get(new NDIndex("0, 4:24, :")), emb.get(new NDIndex("0, 2:22, :")))).isTrue();
            // row 1 has no subject word: unchanged
            assertThat(bitIdentical(ins.get(new NDIndex("1, :, :")), emb.get(new NDIndex("1, :, :")))).isTrue();
            assertThat(idc.endPositions(ids)).containsExactly(7, 5);

            NDArray encoded = idc.encode(m, List.of("a woman, angry", "a cute flower costume"), words);
            assertThat(encoded.getShape()).isEqualTo(new Shape(2, 24, 256));
            assertThat(mapper.namedParameters()).containsKeys("mapping_0.0.weight", "mapping_0.6.bias",
                    "mapping_patch_1.4.weight");

            // a subject word near the end: words inserted, tail truncated, length kept
            String longPrompt = "a photo of a studio portrait with short curly black hair and glasses "
                    + "wearing a red jacket in front of a person";
            long[][] longIds = tok.encode(List.of(longPrompt));
            int at = tok.subjectPosition(longIds[0]);
            assertThat(at).isEqualTo(22);
            NDArray longIns = idc.insert(text.tokenEmbeddings(m.create(longIds)), words.get(new NDIndex("0:1")),
                    longIds);
            assertThat(longIns.getShape()).isEqualTo(new Shape(1, 24, 256));
            assertThat(bitIdentical(longIns.get(new NDIndex("0, 22:24, :")), words.get(new NDIndex("0, :, :"))))
                    .isTrue();
        }
    }

    @Test
    void tokenizerIsDeterministicLowerCaseAndAlwaysEndsWithEnd() {
        WordTokenizer a = WordTokenizer.fromCorpus(List.of("A Man, Angry", "a woman"), 6);
        WordTokenizer b = WordTokenizer.fromCorpus(List.of("a woman", "a man, angry"), 6);
        assertThat(a.vocabulary()).isEqualTo(b.vocabulary())
                .containsExactly("<pad>", "<start>", "<end>", "<unk>", ",", "a", "angry", "man", "woman");
        assertThat(a.encode("A MAN, angry")).containsExactly(1, 5, 7, 4, 6, 2);
        assertThat(a.encode("a man, angry, very angry")).containsExactly(1, 5, 7, 4, 6, 2);
        assertThat(a.encode("a dog")).containsExactly(1, 5, 3, 2, 0, 0);
        assertThat(a.subjectPosition(a.encode("a woman"))).isEqualTo(2);
        assertThat(a.subjectPosition(a.encode("angry"))).isEqualTo(-1);
    }
}
