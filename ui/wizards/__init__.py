"""One module per wizard: its steps as render functions over a `ui.wizard.Form`."""
