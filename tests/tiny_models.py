"""Tiny random-weight BERT models for tests, built on disk in a second (no downloads).

Plain helper functions; ``conftest.py`` wraps them in fixtures.
"""

from __future__ import annotations

import json
from pathlib import Path

# A few hundred Danish words written for these tests: enough that agenda-like
# fixture text tokenizes to real words, with æ, ø and å in the mix.
_WORD_LINES = (
    "kommune kommunerne kommunalbestyrelsen region regionen kkr møde mødet dagsorden referat",
    "godkendelse godkender godkendes godkende orientering orienteres efterretning drøftelse",
    "drøfter udpegning udpeger medlem medlemmer suppleant formand formandskabet sekretariat",
    "siden sidst eventuelt næste punkter indstilling indstiller baggrund sagsfremstilling",
    "beslutning budget budgettet økonomi økonomiaftale anlæg udligning digitalisering styring",
    "aftale aftalen erhverv erhvervshus vækst virksomheder turisme iværksætteri klynger",
    "investeringer eu kontor beskæftigelse jobcenter ledige arbejdsmarked arbejdskraft",
    "rekruttering dagpenge kontanthjælp rar uddannelse uddannelser sosu pædagog lærer",
    "lærepladser praktik dimensionering skole elever sundhed sundhedsaftale praksis læge",
    "hospital forebyggelse psykiatri ældre borgere patienter social socialområdet handicap",
    "tilbud pladser socialtilsyn udsatte anbringelser rammeaftale klima miljø energi grøn",
    "omstilling affald vand spildevand natur co2 klimaplan klimatilpasning trafik bus busser",
    "tog letbane veje infrastruktur movia passager pendling cykler mobilitet integration",
    "flygtninge indvandrere sprogcenter danskuddannelse modtagelse boliger kultur museer",
    "biblioteker idræt sport foreninger musik kulturaftale fritid børn unge dagtilbud",
    "daginstitution folkeskole trivsel familier ungdom planlægning kommuneplan byudvikling",
    "landdistrikter land by udvikling boligbyggeri at og i på til af for med om den det der",
    "er en et som har vil skal kan ikke fra ved efter år mio kr 2021 2022 2023 2024 januar",
    "februar marts april maj juni passage query",
)
_WORDS = " ".join(_WORD_LINES).split()

_SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def make_tiny_tokenizer(path: Path) -> Path:
    """A WordPiece tokenizer over the word list (+ single letters), saved as tokenizer.json."""
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    letters = sorted(set("".join(_WORDS)) | set("abcdefghijklmnopqrstuvwxyzæøå0123456789.,:;-()/%"))
    vocab = {tok: i for i, tok in enumerate(_SPECIALS)}
    for tok in [*letters, *(f"##{c}" for c in letters), *dict.fromkeys(_WORDS)]:
        vocab.setdefault(tok, len(vocab))
    tok = Tokenizer(models.WordPiece(vocab=vocab, unk_token="[UNK]", max_input_chars_per_word=50))
    tok.normalizer = normalizers.Sequence([normalizers.NFC(), normalizers.Lowercase()])
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]",
        pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", vocab["[CLS]"]), ("[SEP]", vocab["[SEP]"])],
    )
    tok.decoder = decoders.WordPiece()
    path.mkdir(parents=True, exist_ok=True)
    tok.save(str(path / "tokenizer.json"))
    specials = {
        "unk_token": "[UNK]",
        "sep_token": "[SEP]",
        "pad_token": "[PAD]",
        "cls_token": "[CLS]",
        "mask_token": "[MASK]",
    }
    config = {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "model_max_length": 128,
        "model_input_names": ["input_ids", "token_type_ids", "attention_mask"],
        **specials,
    }
    (path / "tokenizer_config.json").write_text(json.dumps(config, indent=2), encoding="utf-8")
    (path / "special_tokens_map.json").write_text(json.dumps(specials, indent=2), encoding="utf-8")
    return path


def make_tiny_bert(path: Path, seed: int = 0) -> Path:
    """A random-weight BertModel (2 layers, hidden 32, 4 heads) + tokenizer in ``path``.

    AutoModel, AutoTokenizer and AutoModelForSequenceClassification all load it.
    """
    import torch
    from transformers import BertConfig, BertModel

    path = Path(path)
    make_tiny_tokenizer(path)
    vocab_size = len(json.loads((path / "tokenizer.json").read_text("utf-8"))["model"]["vocab"])
    config = BertConfig(
        vocab_size=vocab_size,
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=4,
        intermediate_size=64,
        max_position_embeddings=128,
        pad_token_id=0,
        # wider than BERT's 0.02 so a 2-layer random model separates inputs at all
        initializer_range=0.2,
    )
    torch.manual_seed(seed)
    BertModel(config).save_pretrained(path)
    return path
