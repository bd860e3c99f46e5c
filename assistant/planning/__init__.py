"""The wizards\x27 domain models: 4P plan, identity typology, culture, prioritisation, evaluation plan."""
