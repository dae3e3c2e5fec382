"""``python -m kyotei``: the same as the ``kyotei`` command."""

from kyotei.cli import main

main()
