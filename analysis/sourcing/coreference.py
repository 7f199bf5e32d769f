"""Coreference: pronouns, surnames and relatives resolved to who they refer to; speakers carried across quotations.

Pipeline step: areas (sourcing).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from functools import cached_property
from typing import TYPE_CHECKING

import ahocorasick

from ..names import NAME_RE, is_place_or_org, looks_like_person, name_gender
from ..segment import WORD_RE
from .speakers import (
    _DETERMINERS,
    _RELATIVE,
    _SINGLE_NAME,
    _canonical,
    _clean_np,
    _reduce,
    _Speaker,
    _SpeakerSearch,
    _subject,
)

if TYPE_CHECKING:
    from .extraction import _Found


class _Context(_SpeakerSearch):
    """Everything the extractor needs about one article: speakers found, then resolved to who they are."""

    def resolve(self, speaker: _Speaker | None) -> str | None:
        """Canonical name: pronouns, relatives, titles, surnames and typos resolved."""
        if speaker is None or not speaker.name:
            return None
        name, at = speaker.name, speaker.start
        low = name.lower()
        if low in {"he", "him"}:
            return self._last_person(at, exclude="female")
        if low in {"she", "her"}:
            return self._last_person(at, exclude="male")
        if low == "i":
            return self._last_person(at)
        if low in {"they", "them", "we"}:
            return self._last_group(at)
        if low == "it":
            return self._last_thing(at)
        if low in _RELATIVE:
            return self._antecedent(at)
        reduced, _ = _reduce(name)
        bare = self.names.strip_title(reduced) or reduced
        if bare.split()[0].lower() in _DETERMINERS:
            return _canonical(bare)
        if bare.lower() in self.lex.group_nouns:
            return bare.lower()  # "Critics say" → "critics"
        if bare[0].isupper() and (NAME_RE.fullmatch(bare) or (len(bare.split()) == 1 and not is_place_or_org(bare))):
            return self.names.resolve(bare)
        return _canonical(reduced)

    def remember(self, offset: int, speaker: str | None) -> None:
        if speaker:
            entry = (offset, speaker)
            insort(self.speakers, entry)
            if _SINGLE_NAME.fullmatch(speaker) and not is_place_or_org(speaker):
                self.single_names.add(speaker)
            # A person: a person's name, a single name, or a name that also stands as a subject.
            if looks_like_person(speaker) or speaker in self.single_names or entry in self._subject_set:
                self._add_person(entry)
            else:
                self._not_yet_people.setdefault(speaker, []).append(entry)
            if speaker in self.single_names:
                for earlier in self._not_yet_people.pop(speaker, []):
                    self._add_person(earlier)
            if not looks_like_person(speaker):
                insort(self._things, entry)
            if " and " in speaker or any(w.lower() in self.lex.group_nouns for w in speaker.split()):
                insort(self._groups, entry)

    @cached_property
    def _subject_set(self) -> set[tuple[int, str]]:
        return set(self.names.subjects)

    def _add_person(self, entry: tuple[int, str]) -> None:
        gender = name_gender(entry[1], self.lookups.first_names)
        for exclude, people in self._people.items():
            if exclude is None or gender != exclude:
                insort(people, entry)

    def _subjects(self, exclude: str | None) -> list[tuple[int, str]]:
        """The names where a subject stands, without those of the ``exclude`` gender."""
        if exclude not in self._subjects_by_gender:
            self._subjects_by_gender[exclude] = [s for s in self.names.subjects if exclude is None or
                                                 name_gender(s[1], self.lookups.first_names) != exclude]
        return self._subjects_by_gender[exclude]

    def last_subject(self, at: int) -> tuple[int, str] | None:
        """The last name standing as a subject before ``at``, in its paragraph or the one before."""
        subjects = self.names.subjects
        i = bisect_left(subjects, (at,))
        para = self.paragraph_index(at)
        if i and (para < 1 or subjects[i - 1][0] >= self.paragraph_starts[para - 1]):
            return subjects[i - 1]
        return None

    def _last_person(self, at: int, exclude: str | None = None) -> str | None:
        """The last person named or quoted before ``at``: nearby first (six paragraphs, 2,500 characters)."""
        para = self.paragraph_index(at)
        nearest = at - 2499
        if para >= 6:
            nearest = max(nearest, self.paragraph_starts[para - 6])
        people = self._people[exclude]
        i = bisect_left(people, (at,))  # people[:i] come before ``at``
        best = people[i - 1] if i and people[i - 1][0] >= nearest else None
        subjects = self._subjects(exclude)
        j = bisect_left(subjects, (at,))
        if j and subjects[j - 1][0] >= nearest and (best is None or subjects[j - 1] > best):
            best = subjects[j - 1]
        if best is not None:
            return self.names.resolve(best[1])
        return self.names.resolve(people[i - 1][1]) if i else None

    def _last_group(self, at: int) -> str | None:
        i = bisect_left(self._groups, (at,))
        plural = self._groups[i - 1] if i and at - self._groups[i - 1][0] < 1500 else None
        subject = self._group_subject(at)
        if plural and (subject is None or plural[0] > subject[0]):
            return plural[1]
        return subject[1] if subject else self._last_thing(at)

    def _group_subject(self, at: int) -> tuple[int, str] | None:
        limit = max(0, at - 1500)
        current = self.sentence_of(at)
        floor = current.start if current else at
        # Sentences are in order and disjoint: those from ``limit`` that end by ``floor`` are one run.
        first = bisect_left(self._sentence_starts, limit)
        last = bisect_right(self._sentence_ends, floor)
        for sent in reversed(self.sentences[first:last]):
            if self.text[sent.start] in "\"“‘'«„":
                continue
            head = _clean_np(self.text[sent.start : sent.end])
            subject = _subject(head)
            words = subject.split()
            if len(words) <= 12 and any(w.lower().strip(",") in self.lex.group_nouns for w in words):
                return sent.start, _canonical(subject.rstrip(","))
        return None

    def _last_thing(self, at: int) -> str | None:
        i = bisect_left(self._things, (at,))
        return self._things[i - 1][1] if i else None

    def _antecedent(self, at: int) -> str | None:
        """The noun phrase before "which"/"that": "the petition, which read" → "the petition"."""
        before = self.text[max(0, at - 120) : at].rstrip(" ,")
        before = re.sub(r"\s+(?:on|in|at|by|last|this)\s+(?:\w+\s+){0,2}\w+$", "", before)
        match = re.search(
            r"(?:\b(?:the|a|an|this|his|her|their|its)\s+(?:[\w’'-]+\s+){0,3}[\w’'-]+|[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)$",
            before,
        )
        if not match:
            return None
        return _canonical(_reduce(match.group())[0])


def _continues(ctx: _Context, previous: _Found, current: _Found) -> bool:
    """True when the current quotation carries on the previous speaker's words.

    It does when it opens the next paragraph, or when only attribution (a few
    words) lies between the two.
    """
    gap_paragraphs = ctx.paragraph_index(current.start) - ctx.paragraph_index(previous.end - 1)
    if gap_paragraphs > 1:
        return False
    if gap_paragraphs == 1 and ctx.paragraph_starts[ctx.paragraph_index(current.start)] == current.start:
        between = ctx.text[previous.end : current.start]
        return not re.search(r"[.!?]\s+[A-Z]", between) or len(WORD_RE.findall(between)) <= 25
    gap_words = 0
    cursor = previous.end
    # Quotations starting before ``previous.end`` are skipped below anyway: start after them.
    for i in range(bisect_left(ctx._span_starts, previous.end), len(ctx.spans)):
        span = ctx.spans[i]
        if span.start >= current.start:
            break
        if span.start >= cursor:
            gap_words += len(WORD_RE.findall(ctx.text[cursor : span.start]))
            cursor = span.end
    gap_words += len(WORD_RE.findall(ctx.text[cursor : current.start]))
    return gap_words <= 20


def _resolve_in_order(ctx: _Context, found: list[_Found]) -> None:
    """Explicit speakers first, in text order; then continuations and pull-quotes."""
    for f in found:
        if f.kind != "mention" and f.raw is not None:
            f.speaker = ctx.resolve(f.raw)
            f.role = f.raw.role
            ctx.remember(f.raw.start, f.speaker)
    _fill_pull_quotes(ctx.text, found)
    last: _Found | None = None
    for f in found:
        if f.kind == "mention":
            continue
        if f.inherit and f.speaker is None and f.raw is None:
            if last is not None and last.speaker and _continues(ctx, last, f):
                f.speaker, f.role = last.speaker, last.role
            else:
                named = ctx.last_subject(f.start)
                if named is not None:
                    f.speaker = ctx.names.resolve(named[1])
                elif f.kind == "direct":
                    f.speaker = ctx._last_person(f.start)  # the person the narration was about
        if f.speaker:
            last = f


def _fill_pull_quotes(text: str, found: list[_Found]) -> None:
    """An unattributed quotation repeating an attributed one gets its speaker.

    The speaker comes from the first quotation (in text order) with a speaker whose words
    contain the unattributed one's, counting those filled in earlier in this pass. One
    automaton over the unattributed bodies finds every containment at once, instead of
    comparing every quotation with every other.
    """
    if not any(f.kind in ("direct", "partial") and not f.speaker for f in found):
        return  # nothing to fill: no body needs normalising
    bodies = [_norm(text[f.content_start : f.content_end]) for f in found]
    asking = [
        i for i, f in enumerate(found) if f.kind in ("direct", "partial") and not f.speaker and bodies[i]
    ]
    if not asking:
        return
    automaton = ahocorasick.Automaton()
    for i in asking:
        automaton.add_word(bodies[i], bodies[i])
    automaton.make_automaton()
    first_holder: dict[str, int] = {}  # unattributed body → first quotation with a speaker holding it

    def offer(holder: int) -> None:
        for _, body in automaton.iter(bodies[holder]):
            if first_holder.get(body, holder + 1) > holder:
                first_holder[body] = holder

    for i, f in enumerate(found):
        if f.speaker:
            offer(i)
    for i in asking:
        holder = first_holder.get(bodies[i])
        if holder is not None:
            f = found[i]
            f.speaker, f.role = found[holder].speaker, found[holder].role
            offer(i)  # from now on it is a quotation with a speaker too


def _norm(text: str) -> str:
    return " ".join(WORD_RE.findall(text.lower()))
