"""UI strings of saved chat conversations (a new one, the recent list, deleting one, a link to a gone one) in Danish and English."""
from __future__ import annotations

# key -> (dansk, English); merged into ui.i18n.STRINGS, so t(key) finds them like every other string.
CONVERSATION_STRINGS: dict[str, tuple[str, str]] = {
    "chat.clear": ("Ny samtale", "New conversation"),
    "chat.clear.help": ("Start en ny, tom samtale. Den åbne samtale bliver gemt.", "Start a new, empty conversation. The open one stays saved."),
    "chat.recent": ("Dine seneste samtaler", "Your recent conversations"),
    "chat.recent.none": ("Ingen gemte samtaler endnu.", "No saved conversations yet."),
    "chat.recent.current": ("Den åbne samtale", "The open conversation"),
    "chat.recent.gone": ("Samtalen kunne ikke åbnes – den er slettet, eller databasen svarer ikke.",
                         "The conversation could not be opened – it was deleted, or the database does not answer."),
    "chat.recent.delete": ("Slet", "Delete"),
    "chat.recent.delete_note": ("Samtalen og dens link slettes for altid.", "The conversation and its link are deleted for good."),
    "chat.recent.confirm_delete": ("Ja, slet «{title}»", "Yes, delete “{title}”"),
    "chat.recent.deleted": ("Samtalen «{title}» er slettet.", "The conversation “{title}” is deleted."),
    "chat.recent.delete_failed": ("Samtalen kunne ikke slettes – databasen svarer ikke. Prøv igen om lidt.",
                                  "The conversation could not be deleted – the database does not answer. Try again in a moment."),
    "chat.gone": (
        "Samtalen i adressen findes ikke længere: den er slettet, eller den har ikke været brugt i over {days} dage. Her er en ny, tom samtale.",
        "The conversation in the address no longer exists: it was deleted, or it has not been used for more than {days} days. "
        "This is a new, empty conversation.",
    ),
    "chat.gone_auth": (
        "Samtalen i adressen findes ikke, eller den er ikke din: den kan være slettet eller ubrugt i over {days} dage. Her er en ny, tom samtale.",
        "The conversation in the address does not exist, or it is not yours: it may be deleted or unused for more than {days} days. "
        "This is a new, empty conversation.",
    ),
    "chat.unavailable": (
        "Samtalen i adressen kan ikke åbnes lige nu: databasen svarer ikke. Genindlæs siden om lidt for at prøve igen.",
        "The conversation in the address cannot be opened right now: the database does not answer. Reload the page in a moment to try again.",
    ),
}
