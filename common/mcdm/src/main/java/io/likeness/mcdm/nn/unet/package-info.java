/** SD 1.x UNet2DConditionModel (configurable; tiny and sd15 presets) and the 4 → 8 channel widening. */
package io.likeness.mcdm.nn.unet;
