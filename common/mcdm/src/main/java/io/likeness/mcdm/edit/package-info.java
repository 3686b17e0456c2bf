/**
 * The editing API for the workers: {@link io.likeness.mcdm.edit.Editor} (prepare, mask, edit), its request and
 * result records, and a PNG writer that embeds the generation settings.
 */
package io.likeness.mcdm.edit;
