"""The query engine: screening a query, a pool of killable worker processes that answer
it on the served snapshot, and the writers of their results."""
