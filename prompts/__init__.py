"""Package data: the prompt files, shipped inside cocreate as `assistant.prompts_data`."""
