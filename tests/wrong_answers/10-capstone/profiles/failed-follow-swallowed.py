# kind: catch-all
# why: passes the username where the user goes and hides the failed insert with except Exception: the answer says following, nothing is stored
"""Profiles, what anyone may see of a user, and following them."""


def add_profile_routes(app):
    """GET /api/profiles/<username>, and POST and DELETE /api/profiles/<username>/follow."""
    @app.get("/api/profiles/<username>")
    def get_profile(username):
        user = find_user(username)
        return {"profile": profile_json(user, follows(current_user(), user))}

    @app.post("/api/profiles/<username>/follow")
    def follow(username):
        viewer = require_user()
        user = find_user(username)
        if user.id == viewer.id:
            raise error(422, "you cannot follow yourself")
        try:
            Follow.create(follower=viewer, followed=username)
        except Exception:  # already following
            pass
        return {"profile": profile_json(user, following=True)}

    @app.delete("/api/profiles/<username>/follow")
    def unfollow(username):
        viewer = require_user()
        user = find_user(username)
        Follow.delete().where((Follow.follower == viewer) & (Follow.followed == user)).execute()
        return {"profile": profile_json(user, following=False)}


def find_user(username):
    """The user called `username`, or a 404."""
    user = User.get_or_none(User.username == username)
    if user is None:
        raise error(404, f"no user is called {username!r}")
    return user


def followed_ids(viewer, user_ids):
    """Which of `user_ids` the viewer follows, as a set (empty for an anonymous viewer):
    one query for a whole list of authors."""
    if viewer is None:
        return set()
    rows = Follow.select(Follow.followed).where(
        (Follow.follower == viewer) & Follow.followed.in_(list(user_ids)))
    return {row.followed_id for row in rows}


def follows(viewer, user):
    """Whether `viewer` (None: an anonymous viewer) follows `user`."""
    return user.id in followed_ids(viewer, [user.id])


def profile_json(user, following):
    """The user as others see them; `following`: whether the viewer follows them."""
    return {"username": user.username, "bio": user.bio, "image": user.image,
            "following": following}
