# kind: form
# why: shows createdAt and updatedAt with isoformat(), which gives no time zone: the spec's date-time needs one (Z)
"""Articles: writing, reading, changing and deleting one; and how the API shows articles."""
import re

from bottle import response
from peewee import fn


def add_article_routes(app):
    """POST /api/articles, and GET, PUT and DELETE /api/articles/<slug>."""
    @app.post("/api/articles")
    def create_article():
        author = require_user()
        fields = read_fields("article", "title", "description", "body")
        tags = tag_names(fields)
        now = utc_now()
        with db.atomic():  # the article and its tags, or nothing
            article = Article.create(slug=unique_slug(fields["title"]), title=fields["title"],
                                     description=fields["description"], body=fields["body"],
                                     author=author, created_at=now, updated_at=now)
            for name in tags:
                Tag.create(article=article, name=name)
        response.status = 201
        return {"article": article_json(article, author)}

    @app.get("/api/articles/<slug>")
    def get_article(slug):
        return {"article": article_json(find_article(slug), current_user())}

    @app.put("/api/articles/<slug>")
    def update_article(slug):
        article = own_article(slug)
        fields = read_fields("article")
        for name in ("title", "description", "body"):
            if name in fields:
                setattr(article, name, required_text(fields, name))
        article.updated_at = utc_now()
        article.save()  # the slug stays: links to the article keep working after an edit
        return {"article": article_json(article, article.author)}

    @app.delete("/api/articles/<slug>")
    def delete_article(slug):
        own_article(slug).delete_instance()  # its tags, favorites and comments go with it
        response.status = 204


def find_article(slug):
    """The article called `slug`, or a 404."""
    article = Article.get_or_none(Article.slug == slug)
    if article is None:
        raise error(404, f"no article is called {slug!r}")
    return article


def own_article(slug):
    """The article called `slug`, when the request's user wrote it: else a 401, 404 or 403."""
    user = require_user()
    article = find_article(slug)
    if article.author_id != user.id:
        raise error(403, "only the author may change or delete an article")
    return article


def slugify(title):
    """The title in lower-case words joined by dashes: "How to Train Your Dragon!" becomes
    "how-to-train-your-dragon"."""
    return "-".join(re.findall(r"[a-z0-9]+", title.lower())) or "article"


def unique_slug(title):
    """The title's slug, with -2, -3, ... added when another article has it already.
    "feed" is never a slug: /api/articles/feed is the feed."""
    base = slugify(title)
    slug, number = base, 1
    while slug == "feed" or Article.select().where(Article.slug == slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def tag_names(fields):
    """The article's tagList: a list of tag names (none when not sent), each once."""
    tags = fields.get("tagList") or []
    if not isinstance(tags, list) or not all(isinstance(tag, str) and tag for tag in tags):
        raise error(422, "tagList must be a list of tag names")
    return sorted(set(tags))


def article_json(article, viewer):
    """One article as `viewer` (a user, or None) sees it."""
    return articles_json([article], viewer)[0]


def articles_json(articles, viewer):
    """The articles as `viewer` sees them, in the same few queries however many articles
    there are, not a few for each one: the "N+1 queries" problem of lesson 06. (Lists select
    each article with its author, so `article.author` costs no query either.)"""
    ids = [article.id for article in articles]
    tags = tag_lists(ids)
    counts = favorite_counts(ids)
    favorited = favorited_ids(viewer, ids)
    followed = followed_ids(viewer, {article.author_id for article in articles})
    return [{"slug": article.slug, "title": article.title, "description": article.description,
             "body": article.body, "tagList": tags[article.id],
             "createdAt": article.created_at.isoformat(),
             "updatedAt": article.updated_at.isoformat(),
             "favorited": article.id in favorited,
             "favoritesCount": counts.get(article.id, 0),
             "author": profile_json(article.author, article.author_id in followed)}
            for article in articles]


def tag_lists(article_ids):
    """{article id: its tag names, sorted}, for every one of `article_ids`."""
    tags = {article_id: [] for article_id in article_ids}
    for tag in Tag.select().where(Tag.article.in_(article_ids)).order_by(Tag.name):
        tags[tag.article_id].append(tag.name)
    return tags


def favorite_counts(article_ids):
    """{article id: how many users favorited it}, for those of `article_ids` that have any."""
    counts = (Favorite.select(Favorite.article, fn.COUNT(Favorite.id))
              .where(Favorite.article.in_(article_ids)).group_by(Favorite.article))
    return dict(counts.tuples())


def favorited_ids(viewer, article_ids):
    """Which of `article_ids` the viewer favorited, as a set (empty for an anonymous viewer)."""
    if viewer is None:
        return set()
    rows = Favorite.select(Favorite.article).where(
        (Favorite.user == viewer) & Favorite.article.in_(article_ids))
    return {row.article_id for row in rows}
