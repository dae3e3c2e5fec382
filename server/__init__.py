"""kyotei.server: the SPARQL 1.1 endpoint and the pages, over a verified snapshot. Rooms:
engine (query workers), protocol (SPARQL, Graph Store, descriptions), pages (what people see);
the app factory (``app.create_app``) is the door. It never imports the loaders."""
