"""The first schema: users, follows, articles, tags, favorites, comments, rate-limit counts.

The models below are a copy of ``server/models.py`` as it was when this migration was written,
and they must never change: a database migrated today and one migrated in a year must get the
same tables from this step. A later change to the models comes with a migration of its own.
If every one of ``TABLES`` is already there in a database that has no record of migrations,
the database was made before migrations were recorded (by ``create_tables``), and this
migration is recorded as applied without being run.
"""

import peewee

from server.database import exact_text_comparison


class Frozen(peewee.Model):
    """The models as they were in this migration; bound to a database only while it runs."""


class User(Frozen):
    username = peewee.CharField(max_length=64, unique=True)
    email = peewee.CharField(max_length=254, unique=True)
    password_hash = peewee.CharField(max_length=255)
    bio = peewee.TextField(null=True)
    image = peewee.TextField(null=True)
    created_at = peewee.DateTimeField()

    class Meta:
        table_name = "user"


class Follow(Frozen):
    follower = peewee.ForeignKeyField(User, backref="following", on_delete="CASCADE")
    followed = peewee.ForeignKeyField(User, backref="followers", on_delete="CASCADE")

    class Meta:
        table_name = "follow"
        indexes = ((("follower", "followed"), True),)


class Article(Frozen):
    created_at = peewee.DateTimeField(index=True)
    updated_at = peewee.DateTimeField()
    slug = peewee.CharField(max_length=255, unique=True)
    title = peewee.CharField(max_length=255)
    description = peewee.TextField()
    body = peewee.TextField()
    author = peewee.ForeignKeyField(User, backref="articles", on_delete="CASCADE")

    class Meta:
        table_name = "article"


class Tag(Frozen):
    name = peewee.CharField(max_length=64, unique=True)

    class Meta:
        table_name = "tag"


class ArticleTag(Frozen):
    article = peewee.ForeignKeyField(Article, backref="article_tags", on_delete="CASCADE")
    tag = peewee.ForeignKeyField(Tag, backref="article_tags", on_delete="CASCADE")

    class Meta:
        table_name = "articletag"
        indexes = ((("article", "tag"), True),)


class Favorite(Frozen):
    user = peewee.ForeignKeyField(User, backref="favorites", on_delete="CASCADE")
    article = peewee.ForeignKeyField(Article, backref="favorites", on_delete="CASCADE")

    class Meta:
        table_name = "favorite"
        indexes = ((("user", "article"), True),)


class Comment(Frozen):
    created_at = peewee.DateTimeField(index=True)
    updated_at = peewee.DateTimeField()
    article = peewee.ForeignKeyField(Article, backref="comments", on_delete="CASCADE")
    author = peewee.ForeignKeyField(User, backref="comments", on_delete="CASCADE")
    body = peewee.TextField()

    class Meta:
        table_name = "comment"


class RateLimitCount(Frozen):
    key = peewee.CharField(max_length=320)
    window = peewee.BigIntegerField(index=True)
    count = peewee.IntegerField(default=0)

    class Meta:
        table_name = "ratelimitcount"
        primary_key = peewee.CompositeKey("key", "window")


MODELS = [User, Follow, Article, Tag, ArticleTag, Favorite, Comment, RateLimitCount]
TABLES = [model._meta.table_name for model in MODELS]


def apply(database):
    """Create the tables and their indexes; ones already there are left as they are."""
    with database.bind_ctx(MODELS), exact_text_comparison(database, MODELS):
        database.create_tables(MODELS, safe=True)
