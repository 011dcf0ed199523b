"""``course.services`` for lesson 09: the clouds' APIs through their emulators (moto, the GCS
emulator, Azurite), supervisord restarting a program, and podman building an image.

Each test skips with the install command where its program is absent (Azurite and podman are
not Python packages; on CI, which installs podman, its test fails instead, and Azurite's always
skips); moto, the GCS emulator and supervisord are pinned in pyproject.toml.
"""

import os
import signal
import time
from pathlib import Path

import boto3
import psutil
import pytest
import requests

from course import services

from .course_helpers import needs

KEYS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing",
        "region_name": "us-east-1"}
WAIT_SECONDS = 20


def started(context):
    """Enter ``context`` (a service), or skip with its ``Missing`` message."""
    try:
        return context.__enter__(), context
    except services.Missing as missing:
        needs(str(missing))


def test_moto_serves_s3_and_sqs_and_leaves_nothing():
    with services.moto() as aws:
        s3 = boto3.client("s3", endpoint_url=aws.url, **KEYS)
        s3.create_bucket(Bucket="conduit-uploads")
        s3.put_object(Bucket="conduit-uploads", Key="avatars/alice.png", Body=b"\x89PNG")
        body = s3.get_object(Bucket="conduit-uploads", Key="avatars/alice.png")["Body"].read()
        sqs = boto3.client("sqs", endpoint_url=aws.url, **KEYS)
        queue = sqs.create_queue(QueueName="emails")["QueueUrl"]
        sqs.send_message(QueueUrl=queue, MessageBody="welcome alice")
        messages = sqs.receive_message(QueueUrl=queue, WaitTimeSeconds=0)["Messages"]
        pid, folder = aws.pid, aws.folder
    assert body == b"\x89PNG", "S3 must give back the bytes it was given"
    assert [message["Body"] for message in messages] == ["welcome alice"]
    assert not psutil.pid_exists(pid), "moto_server must be stopped on leaving the block"
    assert not folder.exists(), "its folder must be removed"


def test_moto_starts_empty_each_time():
    for _ in range(2):
        with services.moto() as aws:
            s3 = boto3.client("s3", endpoint_url=aws.url, **KEYS)
            assert s3.list_buckets()["Buckets"] == [], "a new moto must hold no bucket"
            s3.create_bucket(Bucket="left-behind")


def test_gcs_emulator_stores_a_blob(monkeypatch):
    from google.auth.credentials import AnonymousCredentials
    from google.cloud import storage

    with services.gcs() as google:
        monkeypatch.setenv("STORAGE_EMULATOR_HOST", google.url)
        client = storage.Client(credentials=AnonymousCredentials(), project="conduit")
        bucket = client.create_bucket("conduit-uploads")
        bucket.blob("avatars/bob.txt").upload_from_string("bob's avatar")
        names = [blob.name for blob in client.list_blobs("conduit-uploads")]
        text = bucket.blob("avatars/bob.txt").download_as_text()
        pid = google.pid
    assert names == ["avatars/bob.txt"]
    assert text == "bob's avatar"
    assert not psutil.pid_exists(pid), "the emulator must be stopped on leaving the block"


def test_emulators_do_not_see_real_credentials(monkeypatch, tmp_path):
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "a-real-secret")
    environment = services._cloud_environment(tmp_path)
    assert "AWS_SECRET_ACCESS_KEY" not in environment
    assert environment["HOME"] == str(tmp_path)


def test_azurite_serves_blobs_or_says_how_to_install():
    context = services.azurite()
    try:  # Azurite comes from npm, which .ci/run does not install: a skip, even on CI
        azurite = context.__enter__()
    except services.Missing as missing:
        pytest.skip(str(missing))
    try:
        from azure.storage.blob import BlobServiceClient

        client = BlobServiceClient.from_connection_string(azurite.connection_string)
        container = client.create_container("uploads")
        container.upload_blob("avatars/carol.txt", b"carol")
        assert container.download_blob("avatars/carol.txt").readall() == b"carol"
    finally:
        context.__exit__(None, None, None)


def test_azurite_missing_names_the_npm_command(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(services.Missing, match="npm install -g azurite@3.37.0"):
        with services.azurite():
            pass


def test_supervisor_restarts_a_killed_program():
    programs = """
[program:sleeper]
command=sleep 300
autorestart=true
startsecs=0
"""
    with services.supervisor(programs) as manager:
        first = wait_for_pid(manager, "sleeper")
        os.kill(first, signal.SIGKILL)
        deadline = time.monotonic() + WAIT_SECONDS
        second = None
        while time.monotonic() < deadline:
            second = manager.program_pid("sleeper")
            if second not in (None, first):
                break
            time.sleep(0.1)
        status = manager.ctl("status", "sleeper")
        folder = manager.folder
    assert second not in (None, first), f"supervisord must restart a killed program: {status}"
    assert "RUNNING" in status
    assert not psutil.pid_exists(second), "its programs must stop with supervisord"
    assert not folder.exists()


def test_supervisor_stop_leaves_a_program_stopped():
    with services.supervisor("[program:sleeper]\ncommand=sleep 300\nstartsecs=0\n") as manager:
        wait_for_pid(manager, "sleeper")
        manager.ctl("stop", "sleeper")
        assert manager.program_pid("sleeper") is None, "a stopped program has no process"
        assert "STOPPED" in manager.ctl("status", "sleeper")


def wait_for_pid(manager, program):
    """The process id of ``program`` once supervisord has started it."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        pid = manager.program_pid(program)
        if pid:
            return pid
        time.sleep(0.1)
    pytest.fail(f"supervisord did not start {program}: {manager.ctl('status')}")


def test_podman_builds_and_runs_an_image_from_scratch():
    try:
        busybox = services.static_busybox()
    except services.Missing as missing:
        needs(str(missing))
    engine, context = started(services.podman())
    try:
        image = engine.context("hello", {
            "Containerfile": 'FROM scratch\nCOPY busybox /bin/busybox\n'
                             'CMD ["/bin/busybox", "echo", "hello from a container"]\n',
            "busybox": busybox})
        engine.run("build", "--format", "docker", "-t", "hello", str(image), timeout=120)
        done = engine.run("run", "--rm", "--network", "host", "hello")
        folder = engine.folder
    finally:
        context.__exit__(None, None, None)
    assert done.stdout.strip() == "hello from a container"
    assert not folder.exists(), "every image must go with the folder"


def test_a_dynamically_linked_program_is_not_taken_for_a_static_one():
    assert services._needs_a_loader(Path("/bin/ls")), "ls needs the C library's loader"


def test_moto_answers_over_http():
    with services.moto() as aws:
        answer = requests.get(f"{aws.url}/moto-api/data.json", timeout=10)
    assert answer.status_code == 200


GUNICORN_ENV = {"DATABASE_URL": "sqlite:///{folder}/conduit.sqlite3",
                "SECRET_KEY": "test-" + "k" * 40, "LOG_LEVEL": "WARNING"}


def new_master_after_usr2(server):
    """Send USR2 to ``server``'s master; the new master's process once it has two workers,
    or None if it died first."""
    os.kill(server.pid, signal.SIGUSR2)
    pid_file = server.folder / "gunicorn.pid.2"
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        text = pid_file.read_text().strip() if pid_file.exists() else ""
        if text:
            try:
                master = psutil.Process(int(text))
                if len(master.children()) == 2:
                    return master
            except psutil.NoSuchProcess:
                return None
        time.sleep(0.1)
    return None


def test_gunicorn_upgradable_survives_a_binary_upgrade():
    with services.gunicorn("server.wsgi:app", env=GUNICORN_ENV, upgradable=True) as server:
        new_master = new_master_after_usr2(server)
        assert new_master is not None, "the new master must start its workers after USR2"
        os.kill(server.pid, signal.SIGTERM)  # retire the old master, gracefully
        deadline = time.monotonic() + WAIT_SECONDS
        while not gone(psutil.Process(server.pid)):
            assert time.monotonic() < deadline, "the old master must exit on TERM"
            time.sleep(0.1)
        answer = requests.get(f"{server.url}/api/tags", timeout=10)
        assert answer.status_code == 200, "the new master must answer on the same port"
        assert new_master.is_running()
    deadline = time.monotonic() + WAIT_SECONDS  # SIGKILL takes a moment to land
    while not gone(new_master) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert gone(new_master), "the new master must be stopped with the service"


def gone(process):
    """Whether ``process`` has ended (a zombie has: only its exit status is left)."""
    try:
        return not process.is_running() or process.status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def test_python_m_gunicorn_cannot_upgrade():
    """Why ``upgradable`` exists: ``python -m gunicorn`` comes back after USR2 as a script in
    gunicorn's folder, whose ``http`` package hides the standard library's."""
    with services.gunicorn("server.wsgi:app", env=GUNICORN_ENV) as server:
        os.kill(server.pid, signal.SIGUSR2)
        deadline = time.monotonic() + WAIT_SECONDS
        while "No module named 'http.client'" not in server.log("error"):
            assert time.monotonic() < deadline, ("the new master's workers were expected to "
                                                 "fail to import the standard library's http")
            time.sleep(0.1)
        answer = requests.get(f"{server.url}/api/tags", timeout=10)
        assert answer.status_code == 200, "the old master must go on serving"
