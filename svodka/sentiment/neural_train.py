"""Training of the recurrent tone model (:mod:`svodka.sentiment.neural`) with PyTorch.

PyTorch is an optional extra (``pip install svodka[train]``); inference never imports it.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from svodka.sentiment.neural import EMBEDDING, KINDS, TOKEN_FLAGS, MentionSequence

CLASSES = (-1, 0, 1)


@dataclass(frozen=True, slots=True)
class Settings:
    projection: int = 96        # navec + flags -> this many inputs to the GRU
    hidden: int = 48            # GRU units per direction
    attention: int = 48
    head: int = 64
    dropout: float = 0.4
    word_dropout: float = 0.1   # rows of navec zeroed in training: no one word decides
    epochs: int = 14
    batch: int = 32
    learning_rate: float = 2e-3
    weight_decay: float = 1e-4
    class_weight_power: float = 0.5   # 1.0 = balanced, 0.0 = none
    seed: int = 0


class ToneGRU(nn.Module):
    def __init__(self, settings: Settings):
        super().__init__()
        flags = len(TOKEN_FLAGS)
        self.dropout = nn.Dropout(settings.dropout)
        self.word_dropout = settings.word_dropout
        self.input = nn.Linear(EMBEDDING + flags, settings.projection)
        self.gru = nn.GRU(settings.projection, settings.hidden, batch_first=True,
                          bidirectional=True)
        self.attend = nn.Linear(2 * settings.hidden + flags, settings.attention)
        self.score = nn.Linear(settings.attention, 1, bias=False)
        self.hidden = nn.Linear(4 * settings.hidden + len(KINDS), settings.head)
        self.out = nn.Linear(settings.head, len(CLASSES))

    def forward(self, vectors, flags, mention, kind, lengths):
        if self.training and self.word_dropout:
            keep = torch.rand(vectors.shape[:2], device=vectors.device) >= self.word_dropout
            vectors = vectors * keep.unsqueeze(-1)
        x = torch.relu(self.input(self.dropout(torch.cat([vectors, flags], dim=-1))))
        packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True,
                                                   enforce_sorted=False)
        states, _ = self.gru(packed)
        states, _ = nn.utils.rnn.pad_packed_sequence(states, batch_first=True,
                                                     total_length=vectors.shape[1])
        own = (states * mention.unsqueeze(-1)).sum(1) / mention.sum(1, keepdim=True).clamp(min=1)
        scores = self.score(torch.tanh(self.attend(torch.cat([states, flags], -1)))).squeeze(-1)
        padding = torch.arange(vectors.shape[1]).unsqueeze(0) >= lengths.unsqueeze(1)
        scores = scores.masked_fill(padding, float("-inf"))
        pooled = (torch.softmax(scores, dim=1).unsqueeze(-1) * states).sum(1)
        joined = self.dropout(torch.cat([own, pooled, kind], dim=-1))
        return self.out(self.dropout(torch.relu(self.hidden(joined))))


def collate(sequences: Sequence[MentionSequence]):
    longest = max(len(s.vectors) for s in sequences)
    n = len(sequences)
    vectors = np.zeros((n, longest, EMBEDDING), dtype=np.float32)
    flags = np.zeros((n, longest, len(TOKEN_FLAGS)), dtype=np.float32)
    mention = np.zeros((n, longest), dtype=np.float32)
    for k, s in enumerate(sequences):
        vectors[k, :len(s.vectors)] = s.vectors
        flags[k, :len(s.vectors)] = s.flags
        mention[k, :len(s.vectors)] = s.mention
    kind = np.stack([s.kind for s in sequences])
    lengths = torch.tensor([len(s.vectors) for s in sequences])
    return (torch.from_numpy(vectors), torch.from_numpy(flags), torch.from_numpy(mention),
            torch.from_numpy(kind), lengths)


def train(sequences: Sequence[MentionSequence], labels: Sequence[int],
          settings: Settings = Settings()) -> ToneGRU:
    torch.manual_seed(settings.seed)
    rng = np.random.default_rng(settings.seed)
    model = ToneGRU(settings)
    target = torch.tensor([CLASSES.index(label) for label in labels])
    counts = np.bincount(target.numpy(), minlength=3).astype(np.float64)
    weight = (counts.sum() / (3 * np.maximum(counts, 1))) ** settings.class_weight_power
    loss_fn = nn.CrossEntropyLoss(weight=torch.tensor(weight, dtype=torch.float32))
    optimizer = torch.optim.AdamW(model.parameters(), lr=settings.learning_rate,
                                  weight_decay=settings.weight_decay)
    steps = settings.epochs * ((len(sequences) + settings.batch - 1) // settings.batch)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, settings.learning_rate,
                                                   total_steps=steps)
    model.train()
    for _ in range(settings.epochs):
        order = rng.permutation(len(sequences))
        for begin in range(0, len(order), settings.batch):
            chosen = order[begin:begin + settings.batch]
            logits = model(*collate([sequences[i] for i in chosen]))
            loss = loss_fn(logits, target[chosen])
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
    model.eval()
    return model


def predict_proba(model: ToneGRU, sequences: Sequence[MentionSequence],
                  batch: int = 128) -> np.ndarray:
    """(n, 3) class probabilities for -1, 0, 1, as the weighted training left them."""
    rows = []
    with torch.no_grad():
        for begin in range(0, len(sequences), batch):
            logits = model(*collate(sequences[begin:begin + batch]))
            rows.append(torch.softmax(logits, dim=-1).numpy())
    return np.concatenate(rows) if rows else np.zeros((0, 3))


def weights_of(model: ToneGRU) -> dict[str, np.ndarray]:
    return {name: value.detach().numpy().copy() for name, value in model.state_dict().items()}
