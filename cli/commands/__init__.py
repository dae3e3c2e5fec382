"""CLI commands that live in their own modules, registered on the ``kyotei`` app."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the optional commands (analytics, …) to the CLI application."""
    from kyotei.commands.analyze import analyze_command

    app.command("analyze")(analyze_command)

    from kyotei.commands.link import link_command

    app.command("link")(link_command)

    from kyotei.commands.push import push_command

    app.command("push")(push_command)

    from kyotei.commands.sources import add_command, sources_app

    app.add_typer(sources_app, name="sources")
    app.command("add")(add_command)
