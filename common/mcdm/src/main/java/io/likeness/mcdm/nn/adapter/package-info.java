/** The MCDM image adapter (max-pool + per-channel Linear + token-mixing Linear) and the ImageConditioner. */
package io.likeness.mcdm.nn.adapter;
