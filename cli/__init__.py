"""kyotei (協定): a knowledge graph of universities' international exchange agreements."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("kyotei")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = ["__version__"]
