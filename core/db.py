"""Database access: the declarative base, engine set-up (SQLite WAL or PostgreSQL) and transactions."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone

from sqlalchemy import DateTime, String, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _without_nul(value):
    return value.replace("\x00", "") if isinstance(value, str) and "\x00" in value else value


class UtcDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on every backend (SQLite stores naive values)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(timezone.utc) if value is not None else None

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value


class Base(DeclarativeBase):
    pass


def _set_without_nul(_target, value, _old, _initiator):
    return _without_nul(value)


@event.listens_for(Base, "mapper_configured", propagate=True)
def _clean_text_attributes(mapper, class_) -> None:
    """Every string column drops NUL when set, so the object the caller answers with is what is stored."""
    for prop in mapper.column_attrs:
        if isinstance(prop.columns[0].type, String):
            event.listen(getattr(class_, prop.key), "set", _set_without_nul, retval=True)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    # Several processes share one file: wait for the write lock instead of failing at once.
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _disable_pysqlite_begin(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None


def _clean_row(params):
    if isinstance(params, dict):
        return {name: _without_nul(value) for name, value in params.items()}
    if isinstance(params, (list, tuple)):
        return type(params)(_without_nul(value) for value in params)
    return params


def _drop_nul(_conn, _cursor, statement, parameters, _context, executemany):
    """PostgreSQL text cannot hold NUL (U+0000) and fails the whole statement: every bound string loses
    its NULs on its way to any backend, so a NUL from any boundary (a form, a filter, a display name)
    is cleaned, and SQLite and PostgreSQL store the same text."""
    if executemany and isinstance(parameters, list):  # a batch of rows (insertmanyvalues passes one dict)
        return statement, [_clean_row(row) for row in parameters]
    return statement, _clean_row(parameters)


def make_engine(url: str, sqlite_begin: str = "BEGIN IMMEDIATE") -> Engine:
    engine = _make_engine(url, sqlite_begin)
    event.listen(engine, "before_cursor_execute", _drop_nul, retval=True)
    return engine


def _make_engine(url: str, sqlite_begin: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10})
        event.listen(engine, "connect", _sqlite_pragmas)
        # pysqlite's own deferred BEGIN lets two writers deadlock on upgrade; take the write lock up front.
        event.listen(engine, "connect", _disable_pysqlite_begin)
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql(sqlite_begin))
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


class Database:
    """One engine and its session factory; ``transaction()`` is the unit of work."""

    def __init__(self, url: str):
        self.url = url
        self.engine = make_engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._reader = self._snapshot_engine()

    @property
    def is_postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        session = self.sessions()
        try:
            with session.begin():
                yield session
        finally:
            session.close()

    def _snapshot_engine(self) -> Engine:
        if self.is_postgres:
            return self.engine.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        if self.url in ("sqlite://", "sqlite:///:memory:"):
            return self.engine  # an in-memory database exists once per connection: no second engine
        return make_engine(self.url, sqlite_begin="BEGIN")  # no connection is opened until first use

    @contextmanager
    def snapshot(self) -> Iterator[Session]:
        """A read-only transaction for long reads (statistics) that holds no writer up: on SQLite a
        deferred BEGIN on a second engine (a WAL snapshot, no write lock); on PostgreSQL REPEATABLE READ,
        READ ONLY (one consistent snapshot for all its queries). Never committed."""
        with Session(self._reader) as session:  # closing it rolls the read transaction back
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
        if self._reader is not self.engine and not self.is_postgres:  # on PostgreSQL it shares the pool
            self._reader.dispose()
