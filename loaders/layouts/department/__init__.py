"""The department table layout: home department headers with their counts, and the
partner rows below them; repairs only where the stated counts prove them (decision 0003)."""
