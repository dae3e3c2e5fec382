"""The protocols machines speak: SPARQL 1.1 query and update, the Graph Store Protocol,
content negotiation, the service description, and the admin routes (reload, update)."""
