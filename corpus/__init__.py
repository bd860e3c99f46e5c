"""Package data: the structured corpus, shipped inside cocreate as `assistant.corpus_data`."""
