"""Who gives a directive or petition, and to whom: hints read from a clause and its sentence.

"Ban Thường vụ Huyện ủy đề nghị các xã, thị trấn khẩn trương rà soát ..." gives
issuer "Ban Thường vụ Huyện ủy", verb "đề nghị", addressee "các xã, thị trấn".

- The request verb ("đề nghị", "yêu cầu", "giao" ... chitieu/data/task_words.yaml) is the
  last one before the clause in its sentence, else the first in the clause.
- The addressee runs from the verb to the first task verb in lower case ("tập trung",
  "khẩn trương" ...) or to ":", ";", a sentence end; it may not start with a task verb.
- The issuer is the words before the verb back to the last ",", ":", ";" or the sentence
  start, without trailing adverbs ("cũng", "đã"); it must start with a capital letter or a
  person word ("đồng chí").
Either is None when not found, or longer than `max_syllables`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from chitieu.assess.timewords import alternation
from chitieu.extract import lexicon

_WORDS = lexicon.load("task_words")
_MAX = int(_WORDS["max_syllables"])


def _both_cases(words: list[str]) -> list[str]:
    return [*words, *(w[:1].upper() + w[1:] for w in words)]


_REQUEST = alternation(_both_cases(_WORDS["request_verbs"]))
_ACTION = alternation(_WORDS["action_verbs"]) + r"(?!\w)"
_VERB = re.compile(rf"(?<!\w){_REQUEST}(?!\w)")
_ADDRESSEE = re.compile(rf"\s+(?!{_ACTION})(?P<who>[^:;.!?\n]+?)(?=\s*[:;.!?\n]|\s+{_ACTION}|\s*$)")
_ISSUER_HEAD = re.compile(rf"{alternation(_WORDS['issuer_heads'])}(?!\w)")
_ISSUER_TAIL = re.compile(rf"(?:\s+{alternation(_WORDS['issuer_trailing'])})+\s*$")
_ISSUER_CUT = re.compile(r"[,:;.!?\n(]")


@dataclass(frozen=True, slots=True)
class TaskHints:
    issuer: str | None
    verb: str | None
    addressee: str | None


def task_hints(clause: str, context: str | None = None) -> TaskHints:
    """Issuer, request verb and addressee of `clause`, looked for in `context` (its sentence)."""
    clause = unicodedata.normalize("NFC", clause)
    text = unicodedata.normalize("NFC", context) if context else clause
    verb = _request_verb(clause, text if context else None)
    if verb is None:
        return TaskHints(None, None, None)
    return TaskHints(_issuer(text[:verb.start()]), verb.group(0), _addressee(text, verb.end()))


def addressee(clause: str, context: str | None = None) -> str | None:
    return task_hints(clause, context).addressee


def issuer(clause: str, context: str | None = None) -> str | None:
    return task_hints(clause, context).issuer


def _request_verb(clause: str, context: str | None) -> re.Match[str] | None:
    if context is None:
        return _VERB.search(clause)
    text, at = context, context.find(clause)
    if at > 0:
        before = list(_VERB.finditer(text, 0, at + 1))
        if before:
            return before[-1]
    return _VERB.search(text, max(at, 0))


def _addressee(text: str, end: int) -> str | None:
    m = _ADDRESSEE.match(text, end)
    if m is None:
        return None
    return _bounded(m.group("who"))


def _issuer(before: str) -> str | None:
    chunk = _ISSUER_CUT.split(before)[-1]
    chunk = _ISSUER_TAIL.sub("", chunk).strip()
    if not chunk or not (chunk[0].isupper() or _ISSUER_HEAD.match(chunk)):
        return None
    return _bounded(chunk)


def _bounded(phrase: str) -> str | None:
    phrase = " ".join(phrase.split())
    return phrase if phrase and len(phrase.split()) <= _MAX else None
