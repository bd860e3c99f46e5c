"""Page: the 4P planner."""
from ui import wizard
from ui.wizards import fourp

wizard.run(fourp.WIZARD)
