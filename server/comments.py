"""Comments on an article: listing them, adding one, and deleting your own."""

from bottle import response

from .articles import find_article
from .errors import api_error, not_found
from .models import Comment, User, iso_utc
from .profiles import followed_ids, profile_json
from .validation import json_body, path_id, required_text

BODY_MAX = 100_000


def comment_json(comment, following):
    return {"id": comment.id, "createdAt": iso_utc(comment.created_at),
            "updatedAt": iso_utc(comment.updated_at), "body": comment.body,
            "author": profile_json(comment.author, comment.author_id in following)}


def list_comments(slug, viewer):
    article = find_article(slug)
    comments = list(Comment.select(Comment, User).join(User)
                    .where(Comment.article == article).order_by(Comment.id))
    following = followed_ids(viewer, {comment.author_id for comment in comments})
    return {"comments": [comment_json(comment, following) for comment in comments]}


def add_comment(slug, viewer):
    body = required_text(json_body("comment"), "body", BODY_MAX)
    comment = Comment.create(article=find_article(slug), author=viewer, body=body)
    return {"comment": comment_json(comment, following=set())}


def delete_comment(slug, comment_id, viewer):
    article = find_article(slug)
    comment = Comment.get_or_none((Comment.id == path_id("comment id", comment_id))
                                  & (Comment.article == article))
    if comment is None:
        raise not_found(f"comment {comment_id} on article {slug!r}")
    if comment.author_id != viewer.id:
        raise api_error(403, "only the author may delete this comment")
    comment.delete_instance()
    response.status = 204


def register(app):
    app.get("/api/articles/<slug>/comments", callback=list_comments, auth="optional",
            cache="public")
    app.post("/api/articles/<slug>/comments", callback=add_comment, auth="required")
    app.delete("/api/articles/<slug>/comments/<comment_id>", callback=delete_comment,
               auth="required")
