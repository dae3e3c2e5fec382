"""The pages people see: the query page with its gallery, linked-data pages for every
resource, the analytics report; with their templates and static files."""
