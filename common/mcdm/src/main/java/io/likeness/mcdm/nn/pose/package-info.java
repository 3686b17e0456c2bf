/** ControlNet-style pose branch with zero convolutions. */
package io.likeness.mcdm.nn.pose;
