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
    "save.db_down_list": (
        "Databasen kan ikke nås lige nu, så kladderne kan ikke vises eller oprettes. Siden prøver igen af sig selv.",
        "The database cannot be reached right now, so drafts cannot be shown or started. The page tries again by itself.",
    ),
    "save.db_down_open": (
        "Databasen kan ikke nås lige nu, så kladden kan ikke åbnes. Siden prøver igen af sig selv.",
        "The database cannot be reached right now, so the draft cannot be opened. The page tries again by itself.",
    ),
    # sign-in (COCREATE_AUTH=oidc)
    "auth.intro": (
        "Denne installation deles af flere. Log ind for at se dine egne kladder og dit teams.",
        "This installation is shared. Sign in to see your own drafts and your team's.",
    ),
    "auth.sign_in": ("Log ind", "Sign in"),
    "auth.not_found": (
        "Kladden i adressen findes ikke, eller den er hverken din eller delt med et af dine teams.",
        "The draft in the address does not exist, or it is neither yours nor shared with one of your teams.",
    ),
    "auth.sign_out": ("Log ud", "Sign out"),
    "auth.signed_in": ("Logget ind som {name}", "Signed in as {name}"),
    "auth.not_configured": (
        "COCREATE_AUTH=oidc kræver log ind-indstillinger i [auth] i .streamlit/secrets.toml; disse mangler: {missing}.",
        "COCREATE_AUTH=oidc needs sign-in settings in [auth] of .streamlit/secrets.toml; these are missing: {missing}.",
    ),
    # teams
    "page.teams": ("Teams", "Teams"),
    "teams.title": ("Teams", "Teams"),
    "teams.intro": (
        "Et team deler kladder: alle medlemmer ser og redigerer de kladder, der er delt med teamet. Inviter kolleger ved at give dem teamets kode.",
        "A team shares drafts: every member sees and edits the drafts shared with the team. Invite colleagues by giving them the team's code.",
    ),
    "teams.needs_sign_in": (
        "Teams findes kun, når installationen bruger log ind (COCREATE_AUTH=oidc).",
        "Teams exist only when the installation uses sign-in (COCREATE_AUTH=oidc).",
    ),
    "teams.new_name": ("Nyt teams navn", "New team's name"),
    "teams.create": ("Opret team", "Create team"),
    "teams.created": ("Teamet {team} er oprettet. Giv koden herunder til dine kolleger.", "The team {team} is created. Give the code below to your colleagues."),
    "teams.code": ("Invitationskode", "Invitation code"),
    "teams.join": ("Bliv medlem", "Join"),
    "teams.joined": ("Du er nu medlem af {team}.", "You are now a member of {team}."),
    "teams.none": ("Du er ikke med i noget team endnu.", "You are not in a team yet."),
    "teams.code_help": ("Invitationskode (alle med koden kan blive medlem):", "Invitation code (anyone with the code can join):"),
    "teams.members": ("Medlemmer: {names}", "Members: {names}"),
    "teams.leave": ("Forlad teamet", "Leave the team"),
    "teams.share_draft": ("Delt med", "Shared with"),
    "teams.only_me": ("Kun mig", "Only me"),
    "teams.marker": (" · delt med et team", " · shared with a team"),
    "teams.shared": ("Kladden er delt med {team}.", "The draft is shared with {team}."),
    "teams.unshared": ("Kladden er kun din nu.", "The draft is yours only now."),
    "teams.identity_title": ("Dit teams profiler", "Your team's profiles"),
    "teams.identity_none": (
        "Er du med i et team (siden Teams), kan I samle jeres gemte profiler her i stedet for at indsætte koder.",
        "If you are in a team (the Teams page), your saved profiles can be gathered here instead of pasting codes.",
    ),
    "teams.identity_intro": (
        "Saml et anonymt billede af teamet ud fra de profiler, medlemmerne har gemt og valgt at dele med teamet.",
        "Gather an anonymous picture of the team from the profiles members have saved and chosen to share with the team.",
    ),
    "teams.identity_codes": ("Profiler uden for teamet (koder)", "Profiles from outside the team (codes)"),
    "teams.identity_empty": (
        "Ingen delte profiler endnu. Sæt flueben ved »Del denne profil«, og bed kollegerne gøre det samme i deres profil.",
        "No shared profiles yet. Tick \u201cShare this profile\u201d and ask your colleagues to do the same in theirs.",
    ),
    "teams.identity_consent": ("Del denne profil med {team}", "Share this profile with {team}"),
    "teams.identity_consent_help": (
        "Medlemmerne ser kun dine vurderinger samlet i teamprofilen; du kan trække samtykket tilbage når som helst.",
        "Members see your ratings only within the team profile; you can withdraw your consent at any time.",
    ),
    "teams.identity_read": ("{team}: {n} af {total} medlemmer deler deres profil.", "{team}: {n} of {total} members share their profile."),
}
