/**
 * Samplers: DDIM (η = 0), UniPC multistep (bh1/bh2, explicit per-run state) and the stochastic Karras/EDM sampler
 * adapted to ε-prediction. Per-step arithmetic uses double scalars from the schedule tables on NDArrays of any shape.
 */
package io.likeness.mcdm.sampling;
