"""Page: the evaluation plan (Kirkpatrick's four levels)."""
from ui import wizard
from ui.wizards import evaluation

wizard.run(evaluation.WIZARD)
