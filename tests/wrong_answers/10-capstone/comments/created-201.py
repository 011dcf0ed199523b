# kind: rule
# why: answers 201 Created like POST /articles, where the spec gives 200 for a new comment
"""Comments on an article: anyone reads them, users add them, their authors delete them."""
from bottle import response


def add_comment_routes(app):
    """POST and GET /api/articles/<slug>/comments, DELETE /api/articles/<slug>/comments/<id>."""
    @app.post("/api/articles/<slug>/comments")
    def add_comment(slug):
        author = require_user()
        article = find_article(slug)
        fields = read_fields("comment", "body")
        now = utc_now()
        comment = Comment.create(article=article, author=author, body=fields["body"],
                                 created_at=now, updated_at=now)
        response.status = 201
        return {"comment": comment_json(comment, following=False)}  # nobody follows themselves

    @app.get("/api/articles/<slug>/comments")
    def list_comments(slug):
        article = find_article(slug)
        comments = list(Comment.select(Comment, User).join(User)
                        .where(Comment.article == article).order_by(Comment.id))
        followed = followed_ids(current_user(), {comment.author_id for comment in comments})
        return {"comments": [comment_json(comment, comment.author_id in followed)
                             for comment in comments]}

    @app.delete("/api/articles/<slug>/comments/<comment_id:int>")
    def delete_comment(slug, comment_id):
        user = require_user()
        article = find_article(slug)
        comment = Comment.get_or_none((Comment.id == comment_id) & (Comment.article == article))
        if comment is None:
            raise error(404, f"article {slug!r} has no comment {comment_id}")
        if comment.author_id != user.id:
            raise error(403, "only its author may delete a comment")
        comment.delete_instance()
        response.status = 204


def comment_json(comment, following):
    """The comment as the API shows it; `following`: whether the viewer follows its author."""
    return {"id": comment.id, "body": comment.body,
            "createdAt": iso_time(comment.created_at), "updatedAt": iso_time(comment.updated_at),
            "author": profile_json(comment.author, following)}
