/** SD-family building blocks: GroupNorm (fused layer-norm trick), attention, GEGLU, resnets, samplers, timestep embedding. */
package io.likeness.mcdm.nn.layers;
