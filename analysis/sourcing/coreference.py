"""Coreference: pronouns, surnames and relatives resolved to who they refer to; speakers carried across quotations.

Pipeline step: areas (sourcing).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from functools import cached_property
from typing import TYPE_CHECKING

import ahocorasick

from ..names import NAME_RE, is_place_or_org, looks_like_person, name_gender, person_part
from ..segment import WORD_RE, Span
from .settings import SETTINGS
from .speakers import (
    _DETERMINERS,
    _PRONOUNS,
    _RELATIVE,
    _SINGLE_NAME,
    _canonical,
    _clean_np,
    _is_speaker_np,
    _reduce,
    _singular,
    _Speaker,
    _SpeakerSearch,
    _subject,
)

if TYPE_CHECKING:
    from .extraction import _Found


_RELATIVE_AFTER = re.compile(r"\s+(?:who|which|whose)\b")
_LABEL_SEPARATOR = re.compile(r"\s[-—–]\s*|\bfrom\s+|^\W+")
_INTRO_LATER_CLAUSE = re.compile(r"\s(?:when|that|as|while|after|before|because|where|so)\s+(?=\S)")
_NAME_AFTER_CUE = re.compile(r"[ \t]+(" + NAME_RE.pattern + r")(?=\s*[,.;]|\s+(?:of|from|at)\b)")


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
        names = self.coordinated_names(name)
        if names:
            return " and ".join(self.names.resolve(n) for n in names)
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
                if self._describes_a_person(speaker):
                    insort(self._described, entry)
            if " and " in speaker or any(w.lower() in self.lex.group_nouns for w in speaker.split()):
                insort(self._groups, entry)

    def _describes_a_person(self, speaker: str) -> bool:
        """ "the deputy from Elm", "a spokeswoman": one person by role (a title, or one of a group noun's members)."""
        words = re.split(r"\s+(?:of|from|at|for|in|with)\s+", speaker, maxsplit=1)[0].split()
        if len(words) < 2 or words[0].lower() not in {"the", "a", "an"}:
            return False
        head = words[-1].lower().strip(",.")
        return head in self._role_nouns

    @cached_property
    def _role_nouns(self) -> frozenset[str]:
        """Nouns naming one person by role: the titles (lower-cased) and the singulars of the group nouns."""
        titles = {t.lower().rstrip(".") for t in self.lex.title_words}
        return frozenset(titles | {_singular(g) for g in self.lex.group_nouns})

    @cached_property
    def _subject_set(self) -> set[tuple[int, str]]:
        return set(self.names.subjects)

    def _add_person(self, entry: tuple[int, str]) -> None:
        gender = name_gender(entry[1], self.lookups.first_names)
        for exclude, people in self._people.items():
            if exclude is None or gender != exclude:
                insort(people, entry)

    @cached_property
    def _speaking_names(self) -> list[tuple[int, str]]:
        """Names standing as subjects, and names right after a cue ("…, said Mark Hale, director of …")."""
        tagged = []
        for cue in self.cues:
            after = _NAME_AFTER_CUE.match(self.text, cue.end())
            if after:
                name = person_part(self.names.strip_title(after.group(1)))
                if name and not self.inside_quote(after.start(1), after.end(1)):
                    tagged.append((after.start(1), name))
        return sorted(set(self.names.subjects) | set(tagged)) if tagged else self.names.subjects

    def _subjects(self, exclude: str | None) -> list[tuple[int, str]]:
        """The names where a subject stands, without those of the ``exclude`` gender."""
        if exclude not in self._subjects_by_gender:
            self._subjects_by_gender[exclude] = [s for s in self._speaking_names if exclude is None or
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

    def sentence_subject(self, at: int) -> _Speaker | None:
        """The subject of the clause a quoted fragment stands in: "West landed a dig at “…”" → West."""
        sentence = self.sentence_of(at)
        if sentence is None or sentence.start >= at:
            return None
        words = self.text[sentence.start : at].rstrip(" “\"‘'")
        subject = self._clause_subject(words + ",")
        subject = self._bounded(subject) if subject else None
        if not subject:
            return None
        at = max(0, words.find(subject))
        if _RELATIVE_AFTER.match(words, at + len(subject)):
            return None  # "Russians who fear X should understand “…”": people in general, not a speaker
        return _Speaker(subject, None, sentence.start + at)

    def intro_subject(self, intro: Span) -> _Speaker | None:
        """The subject of a colon introduction without a cue: "X released the following statement:" → X."""
        words = self.text[intro.start : intro.end].rstrip().rstrip(":")
        later = _INTRO_LATER_CLAUSE.split(words)[-1]  # "… when Musk took to Twitter with this:"
        subject = self._clause_subject(later + ",") if later != words else None
        subject = subject or self._clause_subject(words + ",") or self._labelled(words)
        subject = self._bounded(subject) if subject else None  # "Later the mayor's office" → "the mayor's office"
        if not subject or subject.split()[0].lower() in _PRONOUNS and len(subject.split()) > 1:
            return None
        return _Speaker(subject, None, intro.start + max(0, words.find(subject)))

    def _labelled(self, words: str) -> str | None:
        """A speaker named as a label before a colon: "Anna Brook:", "Polls went wrong - Anna Brook:"."""
        label = _clean_np(_LABEL_SEPARATOR.split(words)[-1])
        short = bool(label) and "," not in label and len(label.split()) <= 6
        if short and label[0].isupper() and _is_speaker_np(label, self.lex):
            return label
        return None

    def opens_paragraph(self, at: int) -> bool:
        """True when only quote marks stand between ``at`` and its paragraph's start (''Two apostrophes …)."""
        para = self.paragraph_index(at)
        return para >= 0 and not self.text[self.paragraph_starts[para] : at].strip(" \t'’‘\"“")

    def introduction(self, at: int) -> Span | None:
        """The words introducing a quotation with a colon: its sentence up to it, or the sentence before.

        "On Telegram: “…”", "She wrote on Telegram: ¶ “…”"; None when no colon introduces it.
        """
        sentence = self.sentence_of(at)
        if sentence is not None and sentence.start < at and self.text[sentence.start : at].strip():
            return Span(sentence.start, at) if self.text[sentence.start : at].rstrip().endswith(":") else None
        i = bisect_left(self._sentence_ends, at) - 1  # the last sentence ending before ``at``
        while i >= 0 and self.sentences[i].start >= at:
            i -= 1
        if i < 0 or self.paragraph_index(at) - self.paragraph_index(self.sentences[i].start) > 1:
            return None
        previous = self.sentences[i]
        between = self.text[previous.end : at].strip(" \n\t“\"‘'")
        if between or not self.text[previous.start : previous.end].rstrip().endswith(":"):
            return None
        return previous

    @cached_property
    def _platform_mention(self) -> re.Pattern[str]:
        return re.compile(self.lex.platforms.pattern.replace(r"^\s+", r"\b", 1), re.IGNORECASE)

    def _last_person(self, at: int, exclude: str | None = None) -> str | None:
        """The last person named or quoted before ``at``: nearby first (six paragraphs, 2,500 characters)."""
        para = self.paragraph_index(at)
        nearest = at - SETTINGS.pronoun_reach + 1
        if para >= SETTINGS.pronoun_paragraphs:
            nearest = max(nearest, self.paragraph_starts[para - SETTINGS.pronoun_paragraphs])
        people = self._people[exclude]
        i = bisect_left(people, (at,))  # people[:i] come before ``at``
        best = people[i - 1] if i and people[i - 1][0] >= nearest else None
        subjects = self._subjects(exclude)
        j = bisect_left(subjects, (at,))
        if j and subjects[j - 1][0] >= nearest and (best is None or subjects[j - 1] > best):
            best = subjects[j - 1]
        if best is not None:
            return self.names.resolve(best[1])
        if i:
            return self.names.resolve(people[i - 1][1])
        k = bisect_left(self._described, (at,))
        if k and self._described[k - 1][0] >= nearest:
            return self._described[k - 1][1]  # "the deputy from Elm told Reuters. … he said"
        # Nobody quoted or standing as a subject yet: the last person named nearby ("spokesperson Lu Kang").
        full = self.names.full
        k = bisect_left(full, (at,))
        while k and full[k - 1][0] >= nearest:
            k -= 1
            if not self._not_narration(full[k][0], full[k][0] + 1) and (
                exclude is None or name_gender(full[k][1], self.lookups.first_names) != exclude
            ):
                return self.names.resolve(full[k][1])
        return None

    def _last_group(self, at: int) -> str | None:
        i = bisect_left(self._groups, (at,))
        plural = self._groups[i - 1] if i and at - self._groups[i - 1][0] < SETTINGS.group_reach else None
        subject = self._group_subject(at)
        if plural and (subject is None or plural[0] > subject[0]):
            return plural[1]
        return subject[1] if subject else self._last_thing(at)

    def _group_subject(self, at: int) -> tuple[int, str] | None:
        limit = max(0, at - SETTINGS.group_reach)
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
        before = self.text[max(0, at - SETTINGS.antecedent_reach) : at].rstrip(" ,")
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
        if f.speaker is None and f.raw is None and f.cue is None:
            raw = ctx.sentence_subject(f.start)
            if raw is not None:  # "West landed a sharp dig at “my dear sister …”": the sentence's subject
                f.speaker, f.role = ctx.resolve(raw), raw.role
        if f.speaker is None and f.raw is None:
            intro = ctx.introduction(f.start)
            if intro is not None:
                cue = ctx.last_cue_between(intro.start, intro.end)
                raw = ctx.speaker_before(cue, intro.start) if cue is not None else ctx.intro_subject(intro)
                if raw is not None:  # "She wrote on Telegram: ¶ “…”"
                    f.speaker, f.role = ctx.resolve(raw), raw.role
                    if f.cue is None:
                        f.cue = cue
                elif ctx._platform_mention.search(ctx.text, intro.start, intro.end):
                    f.speaker = ctx._last_person(f.start)  # "On Telegram: “…”": the account holder, a person
        untagged = f.speaker is None and f.raw is None
        inherits = untagged and (f.inherit or ctx.opens_paragraph(f.start))
        if (inherits or (untagged and f.cue is None and f.kind == "direct")) and last is not None:
            switched = _named_since(ctx, last, f)
            if switched is not None:  # "“…,” said House. Durning did not need coaxing. “I’m thankful …”"
                f.speaker = switched
                last = f
                continue
        if inherits:
            if last is not None and last.speaker and _continues(ctx, last, f):
                f.speaker, f.role = last.speaker, last.role
            else:
                named = ctx.last_subject(f.start)
                if named is not None:
                    f.speaker = ctx.names.resolve(named[1])
                elif f.kind == "direct":
                    f.speaker = ctx._last_person(f.start)  # the person the narration was about
        elif untagged and f.cue is None and f.kind == "direct":
            # A quotation of several sentences right after another speaker's words ("''…,'' X said. ''…''"):
            # the same speaker goes on, but nothing else is guessed.
            same_paragraph = last is not None and ctx.paragraph_index(f.start) == ctx.paragraph_index(last.end - 1)
            if last is not None and last.speaker and same_paragraph and _continues(ctx, last, f):
                f.speaker, f.role = last.speaker, last.role
        if f.speaker:
            last = f


def _named_since(ctx: _Context, last: _Found, current: _Found) -> str | None:
    """Someone else named as a subject after the last quotation, in narration before ``current``, or None.

    An untagged quotation after "Durning did not need much coaxing." is Durning's, not the
    previous speaker's.
    """
    named = ctx.last_subject(current.start)
    if named is None or named[0] < last.end:
        return None
    person = ctx.names.resolve(named[1])
    return person if person != last.speaker else None


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
