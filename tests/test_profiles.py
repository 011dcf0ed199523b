"""Profiles: reading one, and following or unfollowing its user."""

import pytest

from .conftest import check_profile, error_messages


def profile(client, username, viewer=None, status=200):
    headers = viewer["headers"] if viewer else {}
    return client.get(f"/api/profiles/{username}", headers=headers, status=status)


def follow(client, username, viewer):
    return client.post(f"/api/profiles/{username}/follow", headers=viewer["headers"])


def unfollow(client, username, viewer):
    return client.delete(f"/api/profiles/{username}/follow", headers=viewer["headers"])


def test_profile_for_an_anonymous_reader(client, users):
    users.register("bob")
    client.put_json("/api/user", {"user": {"bio": "I build things"}},
                    headers=users.register("carol")["headers"])
    assert profile(client, "bob").json == {"profile": {
        "username": "bob", "bio": None, "image": None, "following": False}}, \
        "a profile is username, bio, image and following (false for an anonymous reader)"
    assert profile(client, "carol").json["profile"]["bio"] == "I build things", \
        "the profile shows the user's bio"


def test_following_is_seen_only_by_the_follower(client, users):
    alice, bob, carol = users.register("alice"), users.register("bob"), users.register("carol")
    follow(client, "bob", alice)
    seen_by_alice = profile(client, "bob", viewer=alice).json["profile"]
    check_profile(seen_by_alice)
    assert seen_by_alice["following"] is True, "the follower sees following: true"
    assert profile(client, "bob", viewer=carol).json["profile"]["following"] is False, \
        "another viewer does not follow bob"
    assert profile(client, "bob").json["profile"]["following"] is False, \
        "an anonymous reader follows nobody"
    assert profile(client, "alice", viewer=bob).json["profile"]["following"] is False, \
        "following is one way: bob does not follow alice back"


def test_unknown_profile_is_404(client, users):
    users.register("alice")
    error_messages(profile(client, "nobody", status=404))
    error_messages(profile(client, "nobody", viewer=users.register("bob"), status=404))


def test_follow_answers_with_the_profile_and_can_be_repeated(client, users):
    alice = users.register("alice")
    users.register("bob")
    for attempt in range(2):
        response = follow(client, "bob", alice)
        assert response.status_code == 200, "follow answers 200, also when repeated"
        assert response.json == {"profile": {
            "username": "bob", "bio": None, "image": None, "following": True}}, \
            "follow answers with the followed profile, following: true"
    assert profile(client, "bob", viewer=alice).json["profile"]["following"] is True, \
        "a follow is kept"


def test_unfollow_answers_with_the_profile_and_can_be_repeated(client, users):
    alice = users.register("alice")
    users.register("bob")
    follow(client, "bob", alice)
    follow(client, "bob", alice)
    for attempt in range(2):
        response = unfollow(client, "bob", alice)
        assert response.status_code == 200, "unfollow answers 200, also when repeated"
        assert response.json["profile"]["following"] is False, "unfollow: following is false"
    assert profile(client, "bob", viewer=alice).json["profile"]["following"] is False, \
        "one unfollow undoes any number of follows"


def test_unfollowing_someone_you_do_not_follow_is_harmless(client, users):
    alice = users.register("alice")
    users.register("bob")
    assert unfollow(client, "bob", alice).json["profile"]["following"] is False


def test_following_yourself_is_refused(client, users):
    alice = users.register("alice")
    response = client.post("/api/profiles/alice/follow", headers=alice["headers"], status=422)
    error_messages(response)
    assert profile(client, "alice", viewer=alice).json["profile"]["following"] is False, \
        "a refused follow is not recorded"


@pytest.mark.parametrize("method", ["POST", "DELETE"])
def test_following_an_unknown_user_is_404(client, users, method):
    alice = users.register("alice")
    error_messages(client.request("/api/profiles/nobody/follow", method=method,
                                  headers=alice["headers"], status=404))


@pytest.mark.parametrize("method", ["POST", "DELETE"])
def test_following_needs_a_token(client, users, method):
    users.register("bob")
    error_messages(client.request("/api/profiles/bob/follow", method=method, status=401))
