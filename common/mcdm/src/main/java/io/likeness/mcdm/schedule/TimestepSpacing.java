package io.likeness.mcdm.schedule;

/** How N inference timesteps are chosen from the T training timesteps (diffusers {@code timestep_spacing}). */
public enum TimestepSpacing {
    /** round(linspace(0, T−1, ·)), reversed. The UniPC default, and what old SD 1.x configs imply. */
    LINSPACE,
    /** multiples of T div (·), reversed, plus {@code steps_offset}. */
    LEADING,
    /** round(arange(T, 0, −T/N)) − 1. */
    TRAILING
}
