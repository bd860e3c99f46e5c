"""Page: organisational culture (Tabel 6)."""
from ui import wizard
from ui.wizards import culture

wizard.run(culture.WIZARD)
