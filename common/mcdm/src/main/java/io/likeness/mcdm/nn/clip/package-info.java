/** CLIP-like text and vision towers (transformers names) and the word-level tokenizer. */
package io.likeness.mcdm.nn.clip;
