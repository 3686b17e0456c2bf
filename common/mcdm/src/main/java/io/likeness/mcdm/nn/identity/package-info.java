/** ELITE-style identity mapper and identity-word insertion into the text sequence (pair generation). */
package io.likeness.mcdm.nn.identity;
