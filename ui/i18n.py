"""Every UI string in Danish and English; `t(key)` picks the language switched on in the sidebar."""
from __future__ import annotations

from ui import state

# key -> (dansk, English). Values may hold {name} fields filled by t(key, name=...).
STRINGS: dict[str, tuple[str, str]] = {
    # app shell
    "app.title": ("Co-creation på biblioteket", "Co-creation in the library"),
    "app.tagline": (
        "Planlæg co-creation med studerende – med afsæt i DEFF-evalueringen af kompetenceudvikling (2017–2019).",
        "Plan co-creation with students – grounded in the DEFF evaluation of competence development (2017–2019).",
    ),
    "app.english": ("English", "English"),
    "app.section.ask": ("Spørg rapporten", "Ask the report"),
    "app.section.plan": ("Planlæg", "Plan"),
    "app.section.data": ("Dine data", "Your data"),
    "app.backend": ("Svarmotor: {backend}", "Answer engine: {backend}"),
    "app.settings_invalid": ("Indstillingerne (COCREATE_*) er ugyldige: {error}", "The settings (COCREATE_*) are not valid: {error}"),
    "app.source_note": (
        "Alle svar bygger på én kilde: DEFF-rapporten om kompetenceudvikling til co-creation (2017–2019).",
        "Every answer rests on one source: the DEFF report on competence development for co-creation (2017–2019).",
    ),
    "index.checking": ("Gør søgeindekset klar …", "Getting the search index ready …"),
    "index.building": ("Bygger søgeindekset (kun første gang): {done} af {total} tekststykker", "Building the search index (first time only): {done} of {total} passages"),
    "index.done": ("Søgeindekset er klar.", "The search index is ready."),
    # page titles
    "page.chat": ("Spørg rapporten", "Ask the report"),
    "page.drafts": ("Kladder", "Drafts"),
    "page.feedback": ("Feedback og eksport", "Feedback and export"),
    # chat
    "chat.intro": (
        "Stil et spørgsmål om co-creation med studerende. Svaret citerer rapporten med [1], [2] … – kilderne står under svaret.",
        "Ask a question about co-creation with students. The answer cites the report with [1], [2] … – the sources are listed below it.",
    ),
    "chat.placeholder": ("Skriv dit spørgsmål til rapporten …", "Write your question to the report …"),
    "chat.suggestions": ("Forslag til spørgsmål", "Suggested questions"),
    "chat.suggestion.1": ("Hvordan får vi kollegerne med i co-creation?", "How do we get colleagues on board with co-creation?"),
    "chat.suggestion.2": ("Hvad skal ledelsen gøre for at støtte co-creation?", "What should management do to support co-creation?"),
    "chat.suggestion.3": ("Hvordan rekrutterer og fastholder vi studerende?", "How do we recruit and retain students?"),
    "chat.filter.kind": ("Vis", "Show"),
    "chat.filter.kind.all": ("Alle tekststykker", "All passages"),
    "chat.filter.kind.recommendation": ("Kun anbefalinger", "Recommendations only"),
    "chat.filter.kind.quote": ("Kun citater", "Quotes only"),
    "chat.filter.part": ("Del af rapporten", "Part of the report"),
    "chat.filter.part.all": ("Hele rapporten", "The whole report"),
    "chat.clear": ("Ny samtale", "New conversation"),
    "chat.thinking": ("Finder svaret i rapporten …", "Finding the answer in the report …"),
    "chat.sources": ("Kilder", "Sources"),
    "chat.no_sources": ("Ingen kilder – rapporten dækker ikke spørgsmålet.", "No sources – the report does not cover the question."),
    "chat.copy": ("Kopiér svaret", "Copy the answer"),
    "chat.copy_hint": ("Brug kopiknappen i boksens hjørne.", "Use the copy button in the box's corner."),
    "chat.download": ("Hent svaret (.md)", "Download the answer (.md)"),
    "chat.english_rendering": ("Engelsk gengivelse (ikke en del af rapporten)", "English rendering (not part of the report)"),
    "chat.section": ("Afsnit", "Section"),
    "chat.passage_id": ("Kilde-id", "Source id"),
    "chat.speaker": ("Taler", "Speaker"),
    "backend.extractive": ("uddrag fra rapporten (ingen sprogmodel)", "extracts from the report (no language model)"),
    "backend.llm": ("sprogmodel via {backend}", "language model via {backend}"),
    # feedback
    "feedback.ask": ("Var svaret nyttigt?", "Was the answer useful?"),
    "feedback.comment": ("Kommentar (valgfri)", "Comment (optional)"),
    "feedback.send": ("Send feedback", "Send feedback"),
    "feedback.thanks": ("Tak – din feedback er gemt.", "Thank you – your feedback is saved."),
    "feedback.title": ("Feedback og eksport", "Feedback and export"),
    "feedback.intro": (
        "Feedback på svarene gemmes lokalt. Hent den som CSV eller JSONL til opfølgning.",
        "Feedback on answers is stored locally. Download it as CSV or JSONL for follow-up.",
    ),
    "feedback.count": ("{count} svar har fået feedback.", "{count} answers have received feedback."),
    "feedback.none": ("Der er ingen feedback endnu.", "There is no feedback yet."),
    "feedback.csv": ("Hent feedback (CSV)", "Download feedback (CSV)"),
    "feedback.jsonl": ("Hent feedback (JSONL)", "Download feedback (JSONL)"),
    "feedback.drafts_json": ("Hent alle kladder (JSON)", "Download all drafts (JSON)"),
    "feedback.col.question": ("Spørgsmål", "Question"),
    "feedback.col.rating": ("Vurdering", "Rating"),
    "feedback.col.comment": ("Kommentar", "Comment"),
    "feedback.col.backend": ("Svarmotor", "Answer engine"),
    "feedback.col.created": ("Tidspunkt", "Time"),
    "feedback.up": ("👍 nyttigt", "👍 useful"),
    "feedback.down": ("👎 ikke nyttigt", "👎 not useful"),
    # drafts
    "drafts.title": ("Kladder", "Drafts"),
    "drafts.intro": (
        "Alt, du skriver i planlægningsværktøjerne, gemmes automatisk som kladder. Her kan du åbne, kopiere og slette dem.",
        "Everything you enter in the planning tools is saved automatically as drafts. Here you can open, copy and delete them.",
    ),
    "drafts.none": ("Der er ingen kladder endnu. Start i et af planlægningsværktøjerne.", "There are no drafts yet. Start in one of the planning tools."),
    "drafts.filter": ("Værktøj", "Tool"),
    "drafts.filter.all": ("Alle værktøjer", "All tools"),
    "drafts.open": ("Åbn", "Open"),
    "drafts.duplicate": ("Kopiér", "Duplicate"),
    "drafts.delete": ("Slet", "Delete"),
    "drafts.confirm_delete": ("Ja, slet «{title}»", "Yes, delete “{title}”"),
    "drafts.deleted": ("Kladden «{title}» er slettet.", "The draft “{title}” is deleted."),
    "drafts.duplicated": ("Kopi oprettet: «{title}»", "Copy created: “{title}”"),
    "drafts.copy_suffix": ("(kopi)", "(copy)"),
    "drafts.meta": ("{tool} · trin: {step} · senest gemt {updated}", "{tool} · step: {step} · last saved {updated}"),
    "drafts.export": ("Hent alle kladder (JSON)", "Download all drafts (JSON)"),
    # wizards (shared)
    "wizard.start_title": ("Titel på den nye kladde", "Title of the new draft"),
    "wizard.start": ("Start en ny kladde", "Start a new draft"),
    "wizard.continue": ("… eller fortsæt en kladde", "… or continue a draft"),
    "wizard.autosave_note": (
        "Alt gemmes automatisk, mens du skriver. Du kan lukke browseren og fortsætte senere fra «Kladder».",
        "Everything is saved automatically as you type. You can close the browser and continue later from “Drafts”.",
    ),
    "wizard.draft_title": ("Kladdens titel", "Draft title"),
    "wizard.saved": ("Gemt automatisk {time}", "Saved automatically {time}"),
    "wizard.step_of": ("Trin {n} af {total}: {title}", "Step {n} of {total}: {title}"),
    "wizard.back": ("← Forrige", "← Back"),
    "wizard.next": ("Næste →", "Next →"),
    "wizard.close": ("Luk kladden", "Close the draft"),
    "wizard.report_says": ("Det siger rapporten", "What the report says"),
    "wizard.advice_source": ("Kilde: {source}", "Source: {source}"),
    "wizard.advice_english": ("Engelsk gengivelse: {text}", "English rendering: {text}"),
    "wizard.more_passages": ("Flere relevante steder i rapporten", "More relevant passages in the report"),
    "wizard.no_passages": ("Ingen flere steder fundet.", "No further passages found."),
    "wizard.missing": ("Det mangler før dokumentet er færdigt:", "Missing before the document is complete:"),
    "wizard.complete": ("Alle dele er udfyldt – dokumentet er klar.", "Every part is filled in – the document is ready."),
    "wizard.document": ("Dit dokument", "Your document"),
    "wizard.download_md": ("Hent som Markdown", "Download as Markdown"),
    "wizard.download_docx": ("Hent som Word (DOCX)", "Download as Word (DOCX)"),
    "wizard.not_found": ("Kladden i adressen findes ikke længere.", "The draft in the address no longer exists."),
    "wizard.default_title": ("{tool} {date}", "{tool} {date}"),
    "wizard.none": ("– vælg –", "– choose –"),
}

# Labels for the report's and the models' enumerated values.
LABELS: dict[str, tuple[str, str]] = {
    # passage kinds
    "paragraph": ("Afsnit", "Paragraph"),
    "recommendation": ("Anbefaling", "Recommendation"),
    "quote": ("Citat", "Quote"),
    "table": ("Tabel", "Table"),
    "figure": ("Figur", "Figure"),
    # parts of the report
    "forord": ("Forord", "Foreword"),
    "indledning": ("Indledning", "Introduction"),
    "del-1": ("Del 1 · Evalueringsdesign", "Part 1 · Evaluation design"),
    "del-2": ("Del 2 · Erfaringer", "Part 2 · Experiences"),
    "del-3": ("Del 3 · Anbefalinger", "Part 3 · Recommendations"),
    "ingest": ("Tilføjede dokumenter", "Added documents"),
    # speakers
    "projektdeltager": ("Projektdeltager", "Project participant"),
    "kollega": ("Kollega", "Colleague"),
    "leder": ("Leder", "Manager"),
}


def t(key: str, **values: object) -> str:
    """The UI string ``key`` in the current language, with ``values`` filled in."""
    da, en = STRINGS[key]
    text = en if state.language() == "en" else da
    return text.format(**values) if values else text


def label(value: str | None) -> str:
    """A readable label for an enumerated value (kind, part, speaker, model option); the value itself if unknown."""
    if value is None:
        return ""
    pair = LABELS.get(value)
    if pair is None:
        return value
    return pair[1] if state.language() == "en" else pair[0]
