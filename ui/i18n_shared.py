"""UI strings of shared deployments (saving conflicts, database outages, sign-in, teams) in Danish and English."""
from __future__ import annotations

# key -> (dansk, English); merged into ui.i18n.STRINGS, so t(key) finds them like every other string.
SHARED_STRINGS: dict[str, tuple[str, str]] = {
    "app.db_down": (
        "Databasen med kladder og feedback kan ikke nås: {error} Kontakt den, der driver cocreate; siden prøver igen, når du genindlæser den.",
        "The drafts and feedback database cannot be reached: {error} Contact whoever runs cocreate; the page tries again when you reload it.",
    ),
    "save.conflict": (
        "Kladden er gemt et andet sted – i en anden fane eller af en kollega – {time} (version {version}), efter den version, du redigerer. "
        "Dine seneste ændringer er ikke gemt endnu, men de er ikke tabt. Vælg, hvilken version der skal gælde.",
        "The draft was saved elsewhere – in another tab or by a colleague – at {time} (version {version}), after the version you are editing. "
        "Your latest changes are not saved yet, but they are not lost. Choose which version counts.",
    ),
    "save.conflict.mine": ("Din version (ikke gemt)", "Your version (not saved)"),
    "save.conflict.theirs": ("Den gemte version {version}", "The saved version {version}"),
    "save.keep_mine": ("Behold min version", "Keep my version"),
    "save.take_theirs": ("Brug den gemte version", "Use the saved version"),
    "save.db_down": (
        "Databasen kan ikke nås lige nu, så dine seneste ændringer er ikke gemt. De bliver i denne fane og gemmes af sig selv, "
        "så snart databasen svarer igen – luk ikke fanen.",
        "The database cannot be reached right now, so your latest changes are not saved. They stay in this tab and are saved by "
        "themselves as soon as the database answers again – do not close the tab.",
    ),
    "save.retry": ("Prøv at gemme igen", "Try saving again"),
    "save.db_down_open": (
        "Databasen kan ikke nås lige nu, så kladden kan ikke åbnes. Siden prøver igen af sig selv.",
        "The database cannot be reached right now, so the draft cannot be opened. The page tries again by itself.",
    ),
}
