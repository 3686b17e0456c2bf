package io.likeness.mcdm.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimestepsTest {

    private static int[] parse(String s) {
        return java.util.Arrays.stream(s.trim().split("\\s+")).mapToInt(Integer::parseInt).toArray();
    }

    @Test
    void uniPcListsForTwentySteps() {
        assertThat(Timesteps.unipc(1000, 20, TimestepSpacing.LINSPACE, 0)).containsExactly(
                parse("999 949 899 849 799 749 699 649 599 549 500 450 400 350 300 250 200 150 100 50"));
        assertThat(Timesteps.unipc(1000, 20, TimestepSpacing.LEADING, 1)).containsExactly(
                parse("941 894 847 800 753 706 659 612 565 518 471 424 377 330 283 236 189 142 95 48"));
        assertThat(Timesteps.unipc(1000, 20, TimestepSpacing.TRAILING, 0)).containsExactly(
                parse("999 949 899 849 799 749 699 649 599 549 499 449 399 349 299 249 199 149 99 49"));
    }

    @Test
    void ddimListsForTwentySteps() {
        assertThat(Timesteps.ddim(1000, 20, TimestepSpacing.LINSPACE, 0)).containsExactly(
                parse("999 946 894 841 789 736 684 631 578 526 473 421 368 315 263 210 158 105 53 0"));
        assertThat(Timesteps.ddim(1000, 20, TimestepSpacing.LEADING, 1)).containsExactly(
                parse("951 901 851 801 751 701 651 601 551 501 451 401 351 301 251 201 151 101 51 1"));
        assertThat(Timesteps.ddim(1000, 20, TimestepSpacing.TRAILING, 0))
                .containsExactly(Timesteps.unipc(1000, 20, TimestepSpacing.TRAILING, 0));
    }

    @Test
    void smallRunsAndStrengthSlicing() {
        assertThat(Timesteps.unipc(1000, 1, TimestepSpacing.LINSPACE, 0)).containsExactly(999);
        assertThat(Timesteps.unipc(1000, 2, TimestepSpacing.LINSPACE, 0)).containsExactly(999, 500);
        assertThat(Timesteps.startIndex(20, 0.5)).isEqualTo(10);
        assertThat(Timesteps.startIndex(20, 1.0)).isZero();
    }
}
