"""UI strings of a wizard step held by a field not saved yet, and of who dominates a profile, in Danish and English."""
from __future__ import annotations

# key -> (dansk, English); merged into ui.i18n.STRINGS, so t(key) finds them like every other string.
WIZARD_STRINGS: dict[str, tuple[str, str]] = {
    "wizard.not_saved_yet": (
        "Ikke gemt endnu: «{fields}». Resten af kladden er gemt automatisk {time}.",
        "Not saved yet: «{fields}». The rest of the draft was saved automatically {time}.",
    ),
    "identity.no_dominant": (
        "Ingen enkelt identitet dominerer: {types} ligger inden for {points} procentpoint af hinanden.",
        "No single identity dominates: {types} are within {points} percentage points of each other.",
    ),
    "identity.composite_row": ("Sammensat profil (ingen enkelt dominerer)", "Composite profile (none dominates)"),
    "identity.count_rule": (
        "Hver profil tælles én gang: under sin dominerende identitet (den største andel) – eller som sammensat, "
        "når to eller flere identiteter ligger inden for {points} procentpoint af hinanden.",
        "Each profile is counted once: under its dominant identity (the largest share) – or as composite when two or "
        "more identities are within {points} percentage points of each other.",
    ),
}
