"""Checking that a port can be listened on, and saying why not and what to do when it cannot.

A port already in use is the first error most people meet: an earlier server still running,
or another program on the same port. The message names the program when it can, and says how
to pick another port in the form that works from where the person started: ``--port 8001``
for ``python -m server run``, ``course run --api-port 8001`` or ``make run API_PORT=8001`` when
a launcher started the server (it says so in ``PORT_FIX_VARIABLE``).
"""

import errno
import os
import socket
from dataclasses import dataclass

import psutil
from cheroot import wsgi

from .headers import SERVER_NAME

# A launcher (``course serve``, ``make run``) sets this for the server it starts: how the person
# who started it picks another port, ``{port}`` standing for the number.
PORT_FIX_VARIABLE = "CONDUIT_PORT_FIX"


# How many new connections may wait for the server to accept them. Cheroot's default of 5
# makes a burst of clients (a class opening the explorer at once, a load test) meet resets;
# 128 is what most servers use.
LISTEN_BACKLOG = 128


def threaded_server(host, port, app, threads):
    """The cheroot server of ``python -m server run`` and ``live_server()``: ``threads``
    threads serving ``app`` on ``host:port``, not yet listening (call ``prepare()``)."""
    server = wsgi.Server((host, port), app, numthreads=threads, server_name=SERVER_NAME)
    server.request_queue_size = LISTEN_BACKLOG
    return server


class PortUnavailable(Exception):
    """A port cannot be listened on; the message says why and how to pick another one."""


@dataclass(frozen=True)
class Port:
    """A port something needs to listen on, and how the person can choose another one."""

    what: str  # who needs it, e.g. "the reference server"
    host: str
    number: int
    choose: str  # how to pick another port: a command with "{port}" for the number


def bind_error(host, port):
    """The ``OSError`` that binding ``host:port`` gives now, or None if the port is free.

    The probe binds the way servers do (``SO_REUSEADDR``), so a port held only by closed
    connections waiting to expire counts as free, as it is for the server.
    """
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, socket.AF_UNSPEC, socket.SOCK_STREAM, 0, socket.AI_PASSIVE)[0]
    except socket.gaierror as error:
        return error
    with socket.socket(family, kind, proto) as probe:
        if os.name != "nt":
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            return error
    return None


def listener(port):
    """``(pid, command line)`` of the process listening on ``port``, or None when not known
    (another user's process, or a system that does not tell)."""
    try:
        connections = psutil.net_connections(kind="inet")
    except (psutil.Error, OSError):
        return None
    for connection in connections:
        if (connection.status == psutil.CONN_LISTEN and connection.laddr
                and connection.laddr.port == port and connection.pid):
            try:
                command = psutil.Process(connection.pid).cmdline()
            except psutil.Error:
                command = []
            return connection.pid, short_command(command)
    return None


def short_command(argv, width=60):
    """A command line to show in a message: the program's name without its folder, cut short."""
    if not argv:
        return "?"
    text = " ".join(" ".join([os.path.basename(argv[0])] + argv[1:]).split())
    return text if len(text) <= width else text[:width - 3] + "..."


def free_port_after(host, port, tries=50):
    """The first port after ``port`` that can be listened on now (``port + 1`` if none is)."""
    for candidate in range(port + 1, min(port + 1 + tries, 65536)):
        if bind_error(host, candidate) is None:
            return candidate
    return port + 1


def other_ports(ports):
    """One command that picks a free port for each of ``ports``: the commands' common words
    once, then each one's own part (``make run API_PORT=8001 LAB_PORT=8889``)."""
    commands = [port.choose.format(port=free_port_after(port.host, port.number)).split()
                for port in ports]
    common = os.path.commonprefix(commands)
    return " ".join(common + [word for command in commands for word in command[len(common):]])


def unavailable(ports):
    """One "Cause: ... Fix: ..." message for the ``ports`` that cannot be listened on now, or
    None when every one can."""
    problems = [(port, error) for port in ports
                if (error := bind_error(port.host, port.number)) is not None]
    if not problems:
        return None
    in_use = [(port, listener(port.number)) for port, error in problems
              if error.errno == errno.EADDRINUSE]
    if len(in_use) < len(problems):
        port, error = next((port, error) for port, error in problems
                           if error.errno != errno.EADDRINUSE)
        return cannot_listen(port, error)
    causes = [f"port {port.number} on {port.host} ({port.what}) is in use by "
              + (f"process {found[0]} ({found[1]})" if found else "another program")
              for port, found in in_use]
    pids = list(dict.fromkeys(str(found[0]) for _, found in in_use if found))
    them = "it" if len(in_use) == 1 else "them"
    stop = f"stop what uses {them} (Ctrl-C where it runs" + (
        f", or kill {' '.join(pids)})" if pids else ")")
    another = "another port" if len(in_use) == 1 else "other ports"
    return (f"Cause: {'; '.join(causes)}. "
            f"Fix: {stop}, or choose {another}: {other_ports([p for p, _ in in_use])}")


def cannot_listen(port, error):
    """The message for a port that cannot be listened on for another reason than being used."""
    if error.errno in (errno.EACCES, errno.EPERM):
        return (f"Cause: port {port.number} on {port.host} ({port.what}) needs administrator "
                "rights: ports below 1024 do. Fix: choose a port from 1024 up: "
                f"{port.choose.format(port=8000 if port.number < 8000 else port.number + 1)}")
    if isinstance(error, socket.gaierror) or error.errno == errno.EADDRNOTAVAIL:
        return (f"Cause: {port.host!r} is not an address of this machine, so {port.what} "
                "cannot listen on it. Fix: listen on 127.0.0.1 (this machine only) or "
                "0.0.0.0 (every network it is on).")
    return (f"Cause: {port.what} cannot listen on port {port.number} on {port.host}: "
            f"{error.strerror or error}. Fix: choose another port: "
            f"{port.choose.format(port=free_port_after(port.host, port.number))}")


def check_ports(*ports):
    """Raise ``PortUnavailable`` unless every one of ``ports`` can be listened on now."""
    message = unavailable(ports)
    if message:
        raise PortUnavailable(message)
