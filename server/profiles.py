"""Profiles: ``GET /api/profiles/<username>``, and following or unfollowing that user."""

from .database import written_once
from .errors import not_found, unprocessable
from .models import Follow, User, storable_key


def find_user(username):
    """The user called ``username``, or a 404."""
    user = User.get_or_none(User.username == username) if storable_key(username) else None
    if user is None:
        raise not_found(f"profile {username!r}")
    return user


def followed_ids(viewer, user_ids):
    """Which of the users ``user_ids`` ``viewer`` follows, as a set of ids, in one query."""
    if viewer is None or not user_ids:
        return set()
    return {user_id for (user_id,) in follows_among(viewer.id, list(user_ids))}


@written_once
def follows_among(follower_id, user_ids):
    """The follows of ``follower_id`` of the users ``user_ids`` (see database.py)."""
    return Follow.select(Follow.followed).where(
        (Follow.follower == follower_id) & Follow.followed.in_(user_ids)).tuples()


def profile_json(user, following):
    return {"username": user.username, "bio": user.bio, "image": user.image,
            "following": following}


def get_profile(username, viewer):
    user = find_user(username)
    return {"profile": profile_json(user, user.id in followed_ids(viewer, [user.id]))}


def follow(username, viewer):
    user = find_user(username)
    if user.id == viewer.id:
        raise unprocessable("you cannot follow yourself")
    Follow.insert(follower=viewer, followed=user).on_conflict_ignore().execute()
    return {"profile": profile_json(user, True)}


def unfollow(username, viewer):
    user = find_user(username)
    Follow.delete().where((Follow.follower == viewer) & (Follow.followed == user)).execute()
    return {"profile": profile_json(user, False)}


def register(app):
    app.get("/api/profiles/<username>", callback=get_profile, auth="optional",
            cache="public")
    app.post("/api/profiles/<username>/follow", callback=follow, auth="required")
    app.delete("/api/profiles/<username>/follow", callback=unfollow, auth="required")
