/** The KL autoencoder (diffusers AutoencoderKL layout) implementing the LatentCodec contract. */
package io.likeness.mcdm.nn.vae;
