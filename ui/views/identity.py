"""Page: professional identities (Tabel 4)."""
from ui import wizard
from ui.wizards import identity

wizard.run(identity.WIZARD)
