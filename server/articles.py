"""Articles: the global list and the feed, reading, writing and deleting one, and favorites.

Lists are rendered in a fixed number of queries whatever their length (see ``render``), which is
what keeps them fast as a page grows: the N+1 problem of lesson 06 does not happen here.
"""

import re
import secrets
import unicodedata
from collections import defaultdict, namedtuple

import peewee
from bottle import response

from .database import db, written_once
from .errors import api_error, not_found, unprocessable
from .models import Article, ArticleTag, Favorite, Follow, Tag, User, iso_utc, storable_key, utc_now
from .profiles import followed_ids, profile_json
from .validation import json_body, paging, query_text, required_text

RESERVED_SLUGS = {"feed"}  # /api/articles/feed is the feed, so no article may be called that
TITLE_MAX, DESCRIPTION_MAX, BODY_MAX, TAG_MAX, TAGS_MAX = 255, 10_000, 1_000_000, 64, 20


def slugify(title):
    """``"How to Train Your Dragon!"`` becomes ``"how-to-train-your-dragon"``."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())
    return "-".join(words)[:200].strip("-") or "article"


def unique_slug(title, attempt=0):
    """The title's slug, with ``-2``, ``-3``, ... added when an article already has it.

    Writers racing for the same slug all see it free; the losers retry, and from the third
    attempt on a random suffix ends the race.
    """
    base = slugify(title)
    if attempt >= 2:
        return f"{base}-{secrets.token_hex(3)}"
    taken = RESERVED_SLUGS | {slug for (slug,) in Article.select(Article.slug)
                              .where(Article.slug.startswith(base)).tuples()}
    if base not in taken:
        return base
    return next(f"{base}-{n}" for n in range(2, len(taken) + 3) if f"{base}-{n}" not in taken)


def tag_names(data):
    """The article's ``tagList``: stripped, in lower case, without repeats, in order."""
    tags = data.get("tagList")
    if tags is None:
        return []
    if not isinstance(tags, list) or len(tags) > TAGS_MAX:
        raise unprocessable(f"tagList must be a list of at most {TAGS_MAX} strings")
    names = []
    for tag in tags:
        name = required_text({"tag": tag}, "tag", TAG_MAX).strip().lower()
        if name not in names:
            names.append(name)
    return names


def set_tags(article, names, new_article=False):
    # A new article has no tags to delete, and on MySQL deleting no rows locks the gap that
    # other writers insert into: concurrent POST /api/articles then deadlock.
    if not new_article:
        ArticleTag.delete().where(ArticleTag.article == article).execute()
    if not names:
        return
    Tag.insert_many([(name,) for name in names], fields=[Tag.name]).on_conflict_ignore().execute()
    tag_ids = Tag.select(Tag.id).where(Tag.name.in_(names))
    ArticleTag.insert_many([(article.id, tag_id) for (tag_id,) in tag_ids.tuples()],
                           fields=[ArticleTag.article, ArticleTag.tag]).execute()


# What a list shows of each article and its author. Pages select these columns only: not the
# body (a list leaves it out, and it can be a megabyte), nor the author's email and password
# hash; and a plain named tuple per row costs a fraction of a model object and its author's.
SUMMARY = (Article.id, Article.slug, Article.title, Article.description, Article.created_at,
           Article.updated_at, Article.author, User.username, User.bio, User.image)
ArticleSummary = namedtuple("ArticleSummary", [*(column.name for column in SUMMARY), "body"],
                            defaults=[None])


def summaries(*columns):
    """Articles JOIN their authors, selecting ``SUMMARY`` and ``columns``; read its rows as
    ``.objects(ArticleSummary)`` (``row.slug``; ``row.author`` is the author's id)."""
    return Article.select(*SUMMARY, *columns).join(User, on=(Article.author == User.id))


def summary_of(article):
    """An ``Article`` model object and its author as an ``ArticleSummary`` with the body."""
    author = article.author
    return ArticleSummary(article.id, article.slug, article.title, article.description,
                          article.created_at, article.updated_at, author.id, author.username,
                          author.bio, author.image, article.body)


# The queries each page makes, whatever its length. Each is @written_once (database.py): its
# SQL is written the first time and reused, which makes a page about twice as fast.
@written_once
def tags_of(article_ids):
    return (ArticleTag.select(ArticleTag.article, Tag.name).join(Tag)
            .where(ArticleTag.article.in_(article_ids)).tuples())


@written_once
def favorites_of(article_ids):
    return (Favorite.select(Favorite.article, peewee.fn.COUNT(Favorite.id))
            .where(Favorite.article.in_(article_ids)).group_by(Favorite.article).tuples())


@written_once
def favorited_by(viewer_id, article_ids):
    return Favorite.select(Favorite.article).where(
        (Favorite.user == viewer_id) & Favorite.article.in_(article_ids)).tuples()


def matching(query, tag, author, fan, follower):
    """``query`` narrowed to the articles with ``tag``, by ``author``, favorited by ``fan``
    and written by someone ``follower`` follows (``follower`` an id, the rest names); None
    asks nothing."""
    if tag is not None:
        query = query.where(Article.id.in_(
            ArticleTag.select(ArticleTag.article).join(Tag).where(Tag.name == tag)))
    if author is not None:
        query = query.where(User.username == author)
    if fan is not None:
        fans = User.alias()
        query = query.where(Article.id.in_(
            Favorite.select(Favorite.article).join(fans).where(fans.username == fan)))
    if follower is not None:
        query = query.where(Article.author.in_(
            Follow.select(Follow.followed).where(Follow.follower == follower)))
    return query


@written_once
def count_matching(tag, author, fan, follower):
    counted = Article.select(peewee.fn.COUNT(Article.id)).join(User, on=(Article.author == User.id))
    return matching(counted, tag, author, fan, follower).tuples()


@written_once
def page_matching(tag, author, fan, follower, limit, offset):
    newest_first = summaries().order_by(Article.created_at.desc(), Article.id.desc())
    return (matching(newest_first, tag, author, fan, follower).limit(limit).offset(offset)
            .objects(ArticleSummary))


@written_once
def with_slug(slug):
    return summaries(Article.body).where(Article.slug == slug).objects(ArticleSummary)


def render(rows, viewer, with_body):
    """The articles (``ArticleSummary`` rows) as the API shows them to ``viewer``, in four
    queries at the most."""
    ids = [row.id for row in rows]
    if not ids:
        return []
    tags = defaultdict(list)
    for article_id, name in tags_of(ids):
        tags[article_id].append(name)
    counts = dict(favorites_of(ids))
    favorited = set() if viewer is None else {
        article_id for (article_id,) in favorited_by(viewer.id, ids)}
    following = followed_ids(viewer, {row.author for row in rows})
    rendered = []
    for row in rows:
        item = {"slug": row.slug, "title": row.title, "description": row.description}
        if with_body:
            item["body"] = row.body
        item.update({"tagList": sorted(tags[row.id]),
                     "createdAt": iso_utc(row.created_at),
                     "updatedAt": iso_utc(row.updated_at),
                     "favorited": row.id in favorited,
                     "favoritesCount": counts.get(row.id, 0),
                     "author": profile_json(row, row.author in following)})
        rendered.append(item)
    return rendered


def page_of(viewer, tag=None, author=None, fan=None, follower=None):
    """One page of the matching articles (see ``matching``), newest first, as
    ``{"articles": [...], "articlesCount": total}``."""
    limit, offset = paging()
    [(total,)] = count_matching(tag, author, fan, follower)
    page = page_matching(tag, author, fan, follower, limit, offset)
    return {"articles": render(list(page), viewer, with_body=False), "articlesCount": total}


def list_articles(viewer):
    tag = query_text("tag")
    return page_of(viewer, tag=None if tag is None else tag.strip().lower(),
                   author=query_text("author"), fan=query_text("favorited"))


def feed(viewer):
    return page_of(viewer, follower=viewer.id)


def find_article(slug):
    """The article with this slug, a model object with its author (to change it, or to
    refer to it), or a 404."""
    article = (Article.select(Article, User).join(User, on=(Article.author == User.id))
               .where(Article.slug == slug).get_or_none() if storable_key(slug) else None)
    if article is None:
        raise not_found(f"article {slug!r}")
    return article


def find_summary(slug):
    """The article with this slug as an ``ArticleSummary`` with its body, or a 404: reading
    an article needs no model objects, nor its author's email."""
    found = list(with_slug(slug)) if storable_key(slug) else []
    if not found:
        raise not_found(f"article {slug!r}")
    return found[0]


def find_own_article(slug, viewer):
    article = find_article(slug)
    if article.author_id != viewer.id:
        raise api_error(403, "only the author may change or delete this article")
    return article


def one_article(article, viewer):
    """``{"article": ...}`` for an ``Article`` model object, as a write answers."""
    return {"article": render([summary_of(article)], viewer, with_body=True)[0]}


def get_article(slug, viewer):
    return {"article": render([find_summary(slug)], viewer, with_body=True)[0]}


def create_article(viewer):
    data = json_body("article")
    title = required_text(data, "title", TITLE_MAX)
    description = required_text(data, "description", DESCRIPTION_MAX)
    body = required_text(data, "body", BODY_MAX)
    tags = tag_names(data)
    for attempt in range(5):  # another writer may take the same slug between check and insert
        try:
            with db.atomic():
                article = Article.create(slug=unique_slug(title, attempt), title=title,
                                         description=description, body=body, author=viewer)
                set_tags(article, tags, new_article=True)
            break
        except peewee.IntegrityError:
            if attempt == 4:
                raise
    response.status = 201
    return one_article(article, viewer)


def update_article(slug, viewer):
    data = json_body("article")
    article = find_own_article(slug, viewer)
    maxima = {"title": TITLE_MAX, "description": DESCRIPTION_MAX, "body": BODY_MAX}
    for field in [field for field in maxima if field in data]:
        setattr(article, field, required_text(data, field, maxima[field]))
    tags = tag_names(data) if "tagList" in data else None
    article.updated_at = utc_now()
    with db.atomic():
        article.save()
        if tags is not None:
            set_tags(article, tags)
    return one_article(article, viewer)


def delete_article(slug, viewer):
    find_own_article(slug, viewer).delete_instance()
    response.status = 204


def favorite(slug, viewer):
    article = find_article(slug)
    Favorite.insert(user=viewer, article=article).on_conflict_ignore().execute()
    return one_article(article, viewer)


def unfavorite(slug, viewer):
    article = find_article(slug)
    Favorite.delete().where((Favorite.user == viewer) & (Favorite.article == article)).execute()
    return one_article(article, viewer)


def register(app):
    app.get("/api/articles", callback=list_articles, auth="optional", cache="public")
    app.post("/api/articles", callback=create_article, auth="required")
    app.get("/api/articles/feed", callback=feed, auth="required", cache="private")
    app.get("/api/articles/<slug>", callback=get_article, auth="optional", cache="public")
    app.put("/api/articles/<slug>", callback=update_article, auth="required")
    app.delete("/api/articles/<slug>", callback=delete_article, auth="required")
    app.post("/api/articles/<slug>/favorite", callback=favorite, auth="required")
    app.delete("/api/articles/<slug>/favorite", callback=unfavorite, auth="required")
