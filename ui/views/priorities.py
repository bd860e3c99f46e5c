"""Page: management's prioritisation memo."""
from ui import wizard
from ui.wizards import priorities

wizard.run(priorities.WIZARD)
