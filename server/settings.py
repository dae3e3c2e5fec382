"""The server's settings: one typed object, built by the CLI (or by tests directly).

Every field can also come from the environment with the ``KYOTEI_`` prefix, e.g.
``KYOTEI_QUERY_TIMEOUT_S=30`` or ``KYOTEI_UPDATE_TOKEN=…``.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from kyotei.graph.model.namespaces import DEFAULT_BASE_IRI


class ServerSettings(BaseSettings):
    """How ``kyotei serve`` listens, what it allows and how much it spends on a query."""

    model_config = SettingsConfigDict(env_prefix="KYOTEI_", extra="ignore")

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=0, le=65535)
    base_iri: str = DEFAULT_BASE_IRI
    public_url: str | None = Field(
        default=None,
        description="The URL the service is reached at (for sd:endpoint and VoID); "
        "defaults to http://host:port",
    )
    build_dir: Path | None = Field(
        default=None, description="Where `kyotei build` writes snapshots; watched for CURRENT"
    )
    watch_interval_s: float = Field(
        default=2.0, ge=0.0, description="How often build/CURRENT is checked (0: never)"
    )

    # --- the engine ---------------------------------------------------------------------
    query_timeout_s: float = Field(default=10.0, gt=0)
    workers: int = Field(default=2, ge=1, le=64, description="Query worker processes")
    threads: int = Field(
        default=1, ge=1, le=64, description="Queries each worker process runs at once, one "
        "thread each, sharing its opened store: workers x threads queries run at once, for "
        "the memory of `workers` processes. A query past its limit stops its whole worker; "
        "its neighbours there run once more on another (docs/decisions/0014)"
    )
    max_result_rows: int = Field(default=100_000, ge=1)
    max_concurrent_queries: int = Field(
        default=8, ge=1, description="Queries running or waiting for a worker, at most"
    )
    queue_timeout_s: float = Field(
        default=5.0, ge=0, description="How long a query waits for a free worker"
    )
    max_nesting_depth: int = Field(default=64, ge=1)
    max_operator_chain: int = Field(
        default=1000, ge=1, description="UNION, &&, || and path operators in one query, at most"
    )
    max_expression_depth: int = Field(
        default=1000, ge=1, description="How deep a query's expressions may nest, measured on "
        "its parse tree (an n-term arithmetic or logical chain counts n)"
    )
    max_patterns: int = Field(
        default=5000, ge=1, description="Triple patterns, BINDs, FILTERs and other patterns "
        "in one query or update, at most"
    )
    worker_memory_mb: int = Field(
        default=2048, ge=0, description="Address-space ceiling of each query worker, in MiB "
        "(RLIMIT_DATA; 0: none), shared by its threads. A query that reaches it gets 503"
    )
    worker_stack_mb: int = Field(
        default=100, ge=0, le=120, description="Stack of each query thread of a worker, in MiB"
    )
    allow_unsandboxed_workers: bool = Field(
        default=False, description="Start query workers even when no kernel guard against "
        "outbound connections (seccomp, network namespace) can be installed. Off: such a "
        "worker refuses to start"
    )

    # --- requests -----------------------------------------------------------------------
    max_body_bytes: int = Field(default=1_000_000, ge=1024)
    max_query_chars: int = Field(default=200_000, ge=256)
    body_read_timeout_s: float = Field(
        default=30.0, gt=0, description="A request body must arrive within this (else 408)"
    )
    header_read_timeout_s: float = Field(
        default=10.0, gt=0, description="A connection must send its request headers within "
        "this, when opened and between requests (else it is closed)"
    )
    keep_alive_timeout_s: float = Field(
        default=5.0, gt=0, description="An idle keep-alive connection is closed after this"
    )
    max_header_bytes: int = Field(
        default=65_536, ge=4096,
        description="Request line and headers, at most (counted as they arrive)"
    )

    # --- writes and administration --------------------------------------------------------
    update_token: SecretStr | None = Field(
        default=None, description="Bearer token for SPARQL Update and /admin; none: read-only"
    )
    token_max_failures: int = Field(
        default=5, ge=1, description="Wrong tokens a client may send before it is locked out"
    )
    token_lockout_s: float = Field(
        default=300.0, gt=0, description="How long a locked-out client waits (429)"
    )

    # --- CORS -----------------------------------------------------------------------------
    cors_allow_origins: list[str] = Field(default_factory=lambda: ["*"])
    cors_max_age_s: int = Field(default=600, ge=0)

    def endpoint_base(self) -> str:
        """The public root of the service, without a trailing slash."""
        if self.public_url:
            return self.public_url.rstrip("/")
        host = "127.0.0.1" if self.host in {"0.0.0.0", "::", ""} else self.host  # noqa: S104
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}"

    def sparql_endpoint(self) -> str:
        return self.endpoint_base() + "/sparql"
