"""Deterministic demo data: the same users, follows, articles, tags, favorites and comments on
every run, so lessons and tests can name them ("alice's first article has 3 comments").

Every demo user's password is ``DEMO_PASSWORD``.
"""

import random
from datetime import datetime, timedelta

from .articles import slugify
from .auth import password_hasher
from .database import create_tables, db
from .models import MODELS, Article, ArticleTag, Comment, Favorite, Follow, Tag, User

DEMO_PASSWORD = "conduit-demo"
NAMES = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy"]
TAGS = ["python", "bottle", "peewee", "sql", "rest", "graphql", "security", "caching",
        "nginx", "git", "deployment", "testing"]
TOPICS = ["Getting started with", "Ten things I wish I knew about", "A deep dive into",
          "Common mistakes with", "Why we switched to", "Testing", "Scaling", "Debugging"]
START = datetime(2024, 1, 1, 9, 0, 0)


def username(number):
    """The demo username for user ``number`` (0-based): alice, bob, ... then user11, user12."""
    return NAMES[number] if number < len(NAMES) else f"user{number + 1}"


def is_empty(database):
    with db.bound_to(database), database.connection_context():
        return not User.select().exists()


def reset(database):
    """Drop every table and create them again, empty."""
    with db.bound_to(database), database.connection_context():
        database.drop_tables(MODELS, safe=True)
    create_tables(database, MODELS)


def seed(database, config, users=10, articles=30):
    """Fill an empty ``database`` with demo data; returns what it added, counted by kind."""
    rng = random.Random(2024)
    password_hash = password_hasher(config).hash(DEMO_PASSWORD)
    with db.bound_to(database), database.connection_context(), database.atomic():
        people = [User.create(username=username(n), email=f"{username(n)}@example.com",
                              password_hash=password_hash,
                              bio=f"I write about {TAGS[n % len(TAGS)]}." if n % 3 else None,
                              created_at=START)
                  for n in range(users)]
        follows = [(people[n], people[(n + step) % users])
                   for n in range(users) for step in (1, 2) if users > step]
        Follow.insert_many(follows, fields=[Follow.follower, Follow.followed]).execute()
        tags = {name: Tag.create(name=name) for name in TAGS}
        favorites = comments = 0
        for n in range(articles):
            topic, subject = TOPICS[n % len(TOPICS)], rng.choice(TAGS)
            created = START + timedelta(hours=7 * n)
            title = f"{topic} {subject} ({n + 1})"
            article = Article.create(
                slug=slugify(title), title=title,
                description=f"Notes on {subject}, part {n + 1}.",
                body=f"# {topic} {subject}\n\nThis is demo article number {n + 1}.",
                author=people[n % users], created_at=created, updated_at=created)
            chosen = {subject, *rng.sample(TAGS, rng.randint(0, 2))}
            ArticleTag.insert_many([(article.id, tags[name].id) for name in sorted(chosen)],
                                   fields=[ArticleTag.article, ArticleTag.tag]).execute()
            fans = rng.sample(people, rng.randint(0, min(4, users)))
            Favorite.insert_many([(fan.id, article.id) for fan in fans],
                                 fields=[Favorite.user, Favorite.article]).execute()
            favorites += len(fans)
            for k in range(rng.randint(0, 3)):
                moment = created + timedelta(minutes=30 * (k + 1))
                Comment.create(article=article, author=rng.choice(people), created_at=moment,
                               updated_at=moment, body=f"Comment {k + 1} on article {n + 1}.")
                comments += 1
    return {"users": users, "follows": len(follows), "articles": articles,
            "favorites": favorites, "comments": comments}
