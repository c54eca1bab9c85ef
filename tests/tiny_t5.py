"""A tiny random-weight T5 with a Danish sentencepiece tokenizer, built on disk in seconds.

Plain helper functions (no fixtures here); the sentences are generated from
word lists written for these tests, so the tokenizer sees æ, ø and å.
"""

from __future__ import annotations

import io
import random
from pathlib import Path

_SUBJECTS = [
    "Kommunen",
    "Regionen",
    "Udvalget",
    "Byrådet",
    "Sekretariatet",
    "Formanden",
    "Borgmesteren",
    "Direktionen",
    "Bestyrelsen",
    "Forvaltningen",
    "Rådet",
    "Styregruppen",
    "Netværket",
    "Økonomiudvalget",
    "Skoleudvalget",
]
_VERBS = [
    "godkender",
    "drøfter",
    "udpeger",
    "behandler",
    "vedtager",
    "sender",
    "afgiver",
    "beslutter",
    "anbefaler",
    "orienterer",
    "fastholder",
    "prioriterer",
    "støtter",
    "ændrer",
    "forlænger",
    "undersøger",
]
_OBJECTS = [
    "budgettet for næste år",
    "planen for børn og unge",
    "aftalen om sundhed",
    "en ny strategi for klimaet",
    "ældreplejen i området",
    "trafikken på de små veje",
    "økonomien i kommunerne",
    "lærepladser til elever",
    "tilbud på socialområdet",
    "møderne i foråret",
    "en pulje til kultur og idræt",
    "dimensioneringen af uddannelsen",
    "samarbejdet om beskæftigelse",
    "rammeaftalen for de næste år",
    "høringssvaret fra borgerne",
    "busdriften på øerne",
    "affaldsplanen og genbrug",
    "integrationen af nye borgere",
    "udbygningen af cykelstier",
    "tilsynet med plejehjem",
]
_TAILS = [
    "i år",
    "på mødet",
    "i 2025",
    "med kort frist",
    "efter høringen",
    "før sommerferien",
    "i samarbejde med regionen",
    "for fire år",
    "på ny",
    "til efterretning",
    "med 3 mio. kr.",
    "den 1. marts",
    "i løbet af efteråret",
    "på tværs af kommunerne",
    "med fokus på trivsel",
]


def danish_sentences(n: int = 400, seed: int = 0) -> list[str]:
    """``n`` short Danish agenda-like sentences."""
    rng = random.Random(seed)
    return [
        f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {rng.choice(_TAILS)}."
        for _ in range(n)
    ]


def make_tiny_t5(directory: str | Path, vocab_size: int = 400, seed: int = 0) -> Path:
    """Train a sentencepiece unigram model and save a random T5 (d_model 32, 2 layers)."""
    import sentencepiece as spm
    import torch
    from transformers import T5Config, T5ForConditionalGeneration, T5Tokenizer

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(danish_sentences(seed=seed)),
        model_writer=buf,
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        pad_id=0,
        eos_id=1,
        unk_id=2,
        bos_id=-1,
        hard_vocab_limit=False,
        minloglevel=2,
    )
    (directory / "spiece.model").write_bytes(buf.getvalue())
    sp = spm.SentencePieceProcessor(model_proto=buf.getvalue())
    vocab = [(sp.id_to_piece(i), sp.get_score(i)) for i in range(sp.get_piece_size())]
    tokenizer = T5Tokenizer(vocab=vocab, extra_ids=0)
    config = T5Config(
        vocab_size=len(tokenizer),
        d_model=32,
        d_ff=64,
        d_kv=8,
        num_layers=2,
        num_decoder_layers=2,
        num_heads=4,
        decoder_start_token_id=tokenizer.pad_token_id,
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.eos_token_id,
    )
    torch.manual_seed(seed)
    T5ForConditionalGeneration(config).save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    return directory
