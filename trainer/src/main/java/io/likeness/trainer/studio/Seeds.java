package io.likeness.trainer.studio;

/** Seed derivation (SplitMix64 finaliser): independent, reproducible streams from (seed, purpose, index). */
public final class Seeds {

    private Seeds() {
    }

    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    public static long mix(long seed, long salt) {
        return mix(seed * 0x9E3779B97F4A7C15L + mix(salt + 0x632BE59BD9B4E019L));
    }

    public static long mix(long seed, long salt, long index) {
        return mix(mix(seed, salt), index);
    }
}
