"""The tables of Conduit: users and who follows whom, articles with their tags, favorites and
comments; and the counts the rate limits keep.

Times are kept in UTC without a time zone; the API adds the ``Z`` when it shows them.
"""

from datetime import datetime, timezone

import peewee

from .database import db


def utc_now():
    """The current time in UTC, as the naive datetime the tables store."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


class BaseModel(peewee.Model):
    class Meta:
        database = db


class Written(BaseModel):
    """Something a user writes: it knows when it was created and when last changed."""

    created_at = peewee.DateTimeField(default=utc_now, index=True)
    updated_at = peewee.DateTimeField()

    def save(self, *args, **kwargs):
        if self.updated_at is None:  # new: changed when created, to the microsecond
            self.updated_at = self.created_at
        return super().save(*args, **kwargs)


class User(BaseModel):
    username = peewee.CharField(max_length=64, unique=True)
    email = peewee.CharField(max_length=254, unique=True)
    password_hash = peewee.CharField(max_length=255)
    bio = peewee.TextField(null=True)
    image = peewee.TextField(null=True)
    created_at = peewee.DateTimeField(default=utc_now)


class Follow(BaseModel):
    """``follower`` follows ``followed``: their articles appear in the follower's feed."""

    follower = peewee.ForeignKeyField(User, backref="following", on_delete="CASCADE")
    followed = peewee.ForeignKeyField(User, backref="followers", on_delete="CASCADE")

    class Meta:
        indexes = ((("follower", "followed"), True),)


class Article(Written):
    slug = peewee.CharField(max_length=255, unique=True)
    title = peewee.CharField(max_length=255)
    description = peewee.TextField()
    body = peewee.TextField()
    author = peewee.ForeignKeyField(User, backref="articles", on_delete="CASCADE")


class Tag(BaseModel):
    name = peewee.CharField(max_length=64, unique=True)


class ArticleTag(BaseModel):
    article = peewee.ForeignKeyField(Article, backref="article_tags", on_delete="CASCADE")
    tag = peewee.ForeignKeyField(Tag, backref="article_tags", on_delete="CASCADE")

    class Meta:
        indexes = ((("article", "tag"), True),)


class Favorite(BaseModel):
    user = peewee.ForeignKeyField(User, backref="favorites", on_delete="CASCADE")
    article = peewee.ForeignKeyField(Article, backref="favorites", on_delete="CASCADE")

    class Meta:
        indexes = ((("user", "article"), True),)


class Comment(Written):
    article = peewee.ForeignKeyField(Article, backref="comments", on_delete="CASCADE")
    author = peewee.ForeignKeyField(User, backref="comments", on_delete="CASCADE")
    body = peewee.TextField()


class RateLimitCount(BaseModel):
    """How often ``key`` (a limit and whom it counts: ``login-account:alice@example.com``) was
    counted in the window numbered ``window``; see ``server/ratelimit.py``."""

    key = peewee.CharField(max_length=320)
    window = peewee.BigIntegerField(index=True)  # for deleting the windows that have ended
    count = peewee.IntegerField(default=0)

    class Meta:
        # The key itself, not an id: adding one to a count is then an upsert on the primary
        # key, which MySQL runs concurrently without deadlocks.
        primary_key = peewee.CompositeKey("key", "window")


MODELS = [User, Follow, Article, Tag, ArticleTag, Favorite, Comment, RateLimitCount]


def iso_utc(moment):
    """A stored time as the API shows it: ISO 8601 in UTC with milliseconds and a ``Z``."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def storable_key(text, max_length=255):
    """Whether ``text`` from a URL could be a stored username or slug (else: not found)."""
    return 0 < len(text) <= max_length and "\x00" not in text
