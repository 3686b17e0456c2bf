/**
 * The MCDM networks as DJL blocks with diffusers/transformers state-dict names. Entry points:
 * {@link io.likeness.mcdm.nn.McdmModelSet} (the tiny model set), {@link io.likeness.mcdm.nn.unet.UNets} (fresh and
 * widened UNets), {@link io.likeness.mcdm.nn.vae.AutoencoderKL}, {@link io.likeness.mcdm.nn.pose.PoseControlNet}.
 * Every forward keeps intermediates in a sub-manager and returns results on the caller's manager
 * ({@link io.likeness.mcdm.nn.layers.Scope}).
 */
package io.likeness.mcdm.nn;
