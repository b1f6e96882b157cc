"""``awaaz nlu train`` and ``awaaz nlu serve [--port N]``, registered into the app's CLI.

``api/cli.py`` calls ``register(subparsers)``; ``python -m nlu.cli nlu …`` runs the same
commands without the app. ``serve`` runs Rasa in the foreground (port 5005 by default, token from
``RASA_TOKEN``) until Ctrl-C or SIGTERM (or this process dies); the app finds it through ``RASA_URL``.
"""
from __future__ import annotations

import argparse
import os
import sys

DEFAULT_PORT = 5005


def cmd_train(args) -> int:
    from nlu import server

    print(server.ensure_trained())
    return 0


def cmd_serve(args) -> int:
    from nlu import process as lifecycle
    from nlu import server

    lifecycle.stop_on_sigterm()  # systemd/Docker/CI stop with SIGTERM: the server stops with us, as on Ctrl-C
    token = os.environ.get("RASA_TOKEN", "")
    if not token:
        print("warning: RASA_TOKEN is empty, the server accepts any caller on 127.0.0.1",
              file=sys.stderr)
    process = server.start_server(args.port, token, log="-")
    url = f"http://127.0.0.1:{args.port}"
    try:
        server.wait_until_ready(url, timeout=180, token=token, process=process)
        print(f"Rasa NLU ready at {url} (RASA_URL={url}); Ctrl-C or SIGTERM stops it", flush=True)
        return process.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        server.stop_server(process)


def register(subparsers):
    """Add ``nlu train`` and ``nlu serve`` to an argparse subparsers object; returns the ``nlu``
    subcommands, to which the app adds the commands that need its database (``api/nlu_commands.py``)."""
    nlu = subparsers.add_parser("nlu", help="Rasa NLU model and server")
    commands = nlu.add_subparsers(dest="nlu_command", required=True)
    train = commands.add_parser("train", help="train the model if its inputs changed")
    train.set_defaults(func=cmd_train)
    serve = commands.add_parser("serve", help="run the Rasa server in the foreground")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT)
    serve.set_defaults(func=cmd_serve)
    return commands


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nlu.cli")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
