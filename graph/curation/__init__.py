"""Curation: what people add by hand or from datasets they supply — overrides, the crosswalk
and ROR links (data/curation/). Each curated fact says where it comes from."""
