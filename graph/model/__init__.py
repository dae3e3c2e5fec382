"""The data model every room shares: records, IRIs, namespaces, labels, text folding,
countries and regions. Plain data and pure functions; it imports no other room."""
