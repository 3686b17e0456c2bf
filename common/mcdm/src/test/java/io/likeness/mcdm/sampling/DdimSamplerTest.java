package io.likeness.mcdm.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.likeness.mcdm.schedule.NoiseSchedule;
import org.junit.jupiter.api.Test;

class DdimSamplerTest {

    private final NoiseSchedule schedule = NoiseSchedule.stableDiffusion();

    @Test
    void stepFrom500To450MatchesTheReferenceVector() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = UniPcSamplerTest.initial(m);
            NDArray eps = UniPcSamplerTest.toyEps(x, 500);
            float[] out = DdimSampler.stableDiffusion(schedule).step(eps, 500, 450, x).toFloatArray();
            double[] expected = {0.31173062, 0.94917737, -0.52344042, -0.77670539};
            for (int i = 0; i < 4; i++) {
                assertThat((double) out[i]).isCloseTo(expected[i], within(1e-5));
            }
        }
    }

    @Test
    void equalsAFirstOrderUniPcStepOnTheSameList() {
        try (NDManager m = NDManager.newBaseManager()) {
            UniPcSampler unipc = new UniPcSampler(schedule, UniPcConfig.defaults());
            int[] ts = unipc.timesteps(20);
            NDArray x = UniPcSamplerTest.initial(m);
            NDArray eps = UniPcSamplerTest.toyEps(x, ts[3]);
            float[] viaDdim = DdimSampler.stableDiffusion(schedule).step(eps, ts[3], ts[4], x).toFloatArray();
            float[] viaUniPc;
            try (UniPcRun run = unipc.newRun(m, 20)) {
                viaUniPc = run.step(eps, ts[3], x).toFloatArray();
            }
            for (int i = 0; i < 16; i++) {
                assertThat(viaDdim[i]).isCloseTo(viaUniPc[i], within(1e-5f));
            }
        }
    }

    @Test
    void runFollowsItsOwnListAndEndsAtAlphaBarZero() {
        DdimSampler ddim = DdimSampler.stableDiffusion(schedule);
        try (NDManager m = NDManager.newBaseManager(); SamplerRun run = ddim.newRun(m, 20)) {
            int[] ts = run.timesteps();
            assertThat(ts[0]).isEqualTo(999);
            assertThat(ts[19]).isZero();
            NDArray x = UniPcSamplerTest.initial(m);
            NDArray eps = UniPcSamplerTest.toyEps(x, 0);
            // last step: ᾱ_prev = ᾱ_0 = ᾱ_t → identity
            float[] out = run.step(eps, 0, x).toFloatArray();
            assertThat(out).containsExactly(x.toFloatArray(), within(1e-6f));
            float[] mid = run.step(eps, ts[5], x).toFloatArray();
            float[] expected = ddim.step(eps, ts[5], ts[6], x).toFloatArray();
            assertThat(mid).containsExactly(expected, within(0f));
        }
    }
}
