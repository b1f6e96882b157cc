"""The `awaaz` command: serve, db upgrade, officer create, offices list, apikey create, setup, nlu train/serve."""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from api.settings import get_settings
from core.db import Database
from core.errors import InvalidInput


def _database() -> Database:
    url = get_settings().database_url
    sqlite_file = make_url(url).database if url.startswith("sqlite") else None
    if sqlite_file and sqlite_file != ":memory:":  # relative or absolute: SQLite will not make the folder
        Path(sqlite_file).parent.mkdir(parents=True, exist_ok=True)
    return Database(url)


def cmd_db_upgrade(_args) -> int:
    from core.migrate import upgrade

    upgrade(_database())
    print("database is at the newest schema; departments and offices seeded")
    return 0


def cmd_setup(_args) -> int:
    """Migrate, seed, and on the very first run create an admin officer and print its token once."""
    from core.migrate import upgrade
    from core.officers import create_officer, has_admin

    db = _database()
    upgrade(db)
    with db.transaction() as session:
        if has_admin(session):
            print("database ready (an admin officer exists)")
            return 0
        _officer, token = create_officer(session, "Administrator", admin=True)
    print("First run: created the admin officer. Keep this token; it is shown only once:")
    print(token)
    return 0


def cmd_officer_create(args) -> int:
    from core.officers import create_officer

    with _database().transaction() as session:
        officer, token = create_officer(session, args.name, department=args.department, admin=args.admin,
                                        office_code=args.office, district=args.district)
        what = "admin" if officer.is_admin else f"officer of {officer.department_code}, office {officer.office_code}"
    print(f"created {what} {args.name!r}; token (shown once):")
    print(token)
    return 0


def cmd_offices_list(args) -> int:
    """One office a line: code, department, parent, name, districts (no database needed: it is the data)."""
    from core.departments.catalog import department
    from core.offices.catalog import offices

    if args.department and department(args.department) is None:
        raise InvalidInput(f"unknown department {args.department!r}")
    for office in offices(args.department):  # file order: head office, then each provincial head and its districts
        districts = ", ".join(office.districts) or ("(whole department)" if office.parent is None else "-")
        print(f"{office.code}\t{office.department}\t{office.parent or '-'}\t{office.name_en}\t{districts}")
    return 0


def cmd_apikey_create(args) -> int:
    from core.officers import create_api_key

    with _database().transaction() as session:
        key = create_api_key(session, args.name)
    print(f"Open311 API key for {args.name!r} (shown once):")
    print(key)
    return 0


def cmd_serve(args) -> int:
    import uvicorn

    from api.app import create_app

    settings = get_settings()
    port = args.port or settings.port
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # httpx logs every request URL at INFO, and Rasa's auth token travels in the query string.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    uvicorn.run(create_app(settings), host=settings.host, port=port, log_level=settings.log_level.lower(),
                proxy_headers=True)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="awaaz", description="Awaaz citizen complaint service")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the HTTP service and the background worker")
    serve.add_argument("--port", type=int, default=None)
    serve.set_defaults(func=cmd_serve)
    db = sub.add_parser("db", help="database commands").add_subparsers(dest="db_command", required=True)
    db.add_parser("upgrade", help="apply migrations and seed departments").set_defaults(func=cmd_db_upgrade)
    sub.add_parser("setup", help="migrate, seed, create the first admin").set_defaults(func=cmd_setup)
    officer = sub.add_parser("officer", help="officer accounts").add_subparsers(dest="officer_command", required=True)
    create = officer.add_parser("create", help="create an officer and print its token")
    create.add_argument("--name", required=True)
    who = create.add_mutually_exclusive_group(required=True)
    who.add_argument("--department", help="department code, e.g. electricity (alone: its head office)")
    who.add_argument("--office", help="office code from `awaaz offices list`, e.g. LESCO")
    who.add_argument("--admin", action="store_true")
    create.add_argument("--district", help="with --department: the office covering this district, e.g. Lahore")
    create.set_defaults(func=cmd_officer_create)
    offices = sub.add_parser("offices", help="offices of the departments").add_subparsers(
        dest="offices_command", required=True)
    listing = offices.add_parser("list", help="print the offices (code, department, parent, name, districts)")
    listing.add_argument("--department", help="only this department's offices")
    listing.set_defaults(func=cmd_offices_list)
    apikey = sub.add_parser("apikey", help="Open311 API keys").add_subparsers(dest="apikey_command", required=True)
    key = apikey.add_parser("create", help="create an API key and print it")
    key.add_argument("--name", required=True)
    key.set_defaults(func=cmd_apikey_create)
    _register_nlu(sub)
    return parser


def _register_nlu(sub) -> None:
    try:
        from nlu.cli import register
    except ImportError:
        return
    from api.nlu_commands import register as register_learning

    register_learning(register(sub), _database)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args) or 0
    except InvalidInput as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (OperationalError, OSError) as exc:  # unreachable server, unwritable file: say so, no traceback
        print(f"error: cannot use the database ({make_url(get_settings().database_url).render_as_string()}): "
              f"{getattr(exc, 'orig', exc)}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
