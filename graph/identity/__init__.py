"""Identity: one IRI per real institution across documents and languages — names, country
evidence, dates, faculty splits, the explanations and their RDF (decision 0004)."""
