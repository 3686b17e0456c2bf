package io.likeness.mcdm.sampling;

/** The B(h) choice of UniPC: {@code bh1} (B = −h) or {@code bh2} (B = e^{−h} − 1, the diffusers default). */
public enum UniPcVariant {
    BH1,
    BH2
}
