"""Faster drop-ins for two of slovnet's numpy layers, giving the same numbers bit for bit.

slovnet's ``Conv1d`` lays its windows out by reading the (batch, channels, positions) input
across positions with a large stride and copying that view into a matrix (``reshape`` of a
strided view): a third of the taggers' time. The same matrix is filled here from a
(batch, positions, channels) copy, one kernel column at a time, and handed to the same
``matmul``; equal matrices give equal products. ``NavecEmbedding`` gathers each word's
product-quantized vector with a two-array fancy index; a flat ``take`` gathers the same
floats.

:func:`speed_up` swaps the classes of a loaded model's layers in place (the weights stay);
:func:`slovnet_layers` swaps them back for a while, to compare (tests, ``bench/taggers.py``).
"""
from __future__ import annotations

from contextlib import contextmanager

import numpy as np
from slovnet.exec.model import Conv1d, NavecEmbedding


class WindowConv1d(Conv1d):
    def __call__(self, input):
        batch_size, in_dim, seq_len = input.shape
        filters_count, _, kernel_size = self.weight.shape
        padding = self.padding
        windows_count = seq_len + 2 * padding - kernel_size + 1
        padded = np.zeros((batch_size, seq_len + 2 * padding, in_dim), dtype=input.dtype)
        padded[:, padding:padding + seq_len, :] = input.swapaxes(2, 1)
        # windows[b, w, c, k] = input[b, c, w + k - padding], as slovnet's strided view reads it
        windows = np.empty((batch_size, windows_count, in_dim, kernel_size), dtype=input.dtype)
        for offset in range(kernel_size):
            windows[:, :, :, offset] = padded[:, offset:offset + windows_count, :]
        windows = windows.reshape(batch_size * windows_count, in_dim * kernel_size)
        weight = self.weight.array.reshape(filters_count, in_dim * kernel_size)
        output = np.matmul(windows, weight.T) + self.bias.array
        output = output.reshape(batch_size, windows_count, filters_count)
        return output.swapaxes(2, 1)  # batch x filters x windows


class FlatNavecEmbedding(NavecEmbedding):
    def __call__(self, input):
        shape = input.shape
        codes = self.codes.array
        qdim, centroids, chunk = codes.shape
        indexes = self.indexes.array[input.flatten()].astype(np.intp)
        indexes += self.qdims * centroids
        output = np.take(codes.reshape(qdim * centroids, chunk), indexes, axis=0)
        return output.reshape(*shape, self.dim)


def speed_up(model) -> None:
    """Swap the word embedding's and the CNN encoder's layers of a slovnet tagger, parser or
    NER model for the drop-ins above."""
    if type(model.emb.word) is NavecEmbedding:
        model.emb.word.__class__ = FlatNavecEmbedding
    for layer in model.encoder.layers:
        if type(layer.conv) is Conv1d:
            layer.conv.__class__ = WindowConv1d


@contextmanager
def slovnet_layers(models):
    """slovnet's own layer classes in the three models of ``models``, for the block."""
    swapped = []
    for tagger in (models.morph_tagger, models.syntax_parser, models.ner_tagger):
        model = tagger.infer.model
        swapped.append((model.emb.word, model.emb.word.__class__))
        model.emb.word.__class__ = NavecEmbedding
        for layer in model.encoder.layers:
            swapped.append((layer.conv, layer.conv.__class__))
            layer.conv.__class__ = Conv1d
    try:
        yield
    finally:
        for layer, cls in swapped:
            layer.__class__ = cls
